package dev.poolstress.scenarios.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios poolstress ships, read from JSON resources beside this class, and the way to a user's own: a
 * name finds a built-in, anything else is read as a scenario file.
 */
public final class Catalog {
    /** The built-ins, in listing order; each is {@code NAME.json} beside this class. */
    public static final List<String> BUILT_INS = List.of("dmapool-test", "nvme-irq", "irq-remote", "churn",
            "burst-growth", "page-fail");

    private final ScenarioParser parser = new ScenarioParser();

    public List<Scenario> builtIns() {
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : BUILT_INS) {
            scenarios.add(builtIn(name));
        }
        return scenarios;
    }

    public Scenario builtIn(String name) {
        if (!BUILT_INS.contains(name)) {
            throw new ScenarioException("unknown scenario '" + name + "': expected one of "
                    + String.join(", ", BUILT_INS) + ", or the path of a scenario file (JSON)");
        }
        try (InputStream in = Catalog.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + name + " is missing from the jar");
            }
            return parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + name,
                    new ScenarioRef(name, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A built-in by name, or a scenario file by path; its {@link Scenario#ref()} is {@code nameOrFile}.
     *
     * @throws ScenarioException for an unknown name, an unreadable file, or a file that does not parse
     */
    public Scenario resolve(String nameOrFile) {
        if (BUILT_INS.contains(nameOrFile)) {
            return builtIn(nameOrFile);
        }
        Path path = Path.of(nameOrFile);
        if (Files.isDirectory(path)) {
            throw new ScenarioException("scenario file '" + nameOrFile + "' is a directory; give a JSON file in it");
        }
        if (!Files.exists(path) && (nameOrFile.contains("/") || nameOrFile.endsWith(".json"))) {
            throw new ScenarioException("no scenario file '" + nameOrFile + "' (from " + Path.of("").toAbsolutePath()
                    + ")");
        }
        if (!Files.isRegularFile(path)) {
            throw new ScenarioException("unknown scenario '" + nameOrFile + "': expected one of "
                    + String.join(", ", BUILT_INS) + ", or the path of a scenario file (JSON)");
        }
        return parser.parse(readUtf8(path), path.toString(), new ScenarioRef(nameOrFile, null));
    }

    /** The file's text; bytes that are not UTF-8 (a binary file, another encoding) are named, not decoded. */
    private static String readUtf8(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ScenarioException(path + ": cannot be read: " + e.getMessage(), e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return utf8.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(path + ": is not UTF-8 text (byte " + in.position() + " of " + bytes.length
                    + " cannot be read); a scenario file is JSON", e);
        }
    }
}
