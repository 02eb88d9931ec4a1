package dev.poolstress.stress.runner;

import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.stress.broken.Catalog;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the strategies a race names before anything runs: a built-in id, or a class (on the runner's classpath or
 * the user's {@code --classpath}) that implements {@code LockStrategy} with a public constructor taking
 * {@code FreeBlocks}. The catalog's broken strategies are refused here; only {@code --catalog} runs them.
 */
public final class Strategies {
    private Strategies() {
    }

    /**
     * Checks a user classpath: every entry must exist.
     *
     * @throws IllegalArgumentException naming the entry, worded to follow the option that gave the classpath
     */
    public static List<Path> classpath(String userClasspath) {
        List<Path> entries = new ArrayList<>();
        if (userClasspath == null || userClasspath.isBlank()) {
            return entries;
        }
        for (String entry : userClasspath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("entry '" + entry + "' does not exist; expected jar "
                        + "files or class directories separated by '" + File.pathSeparator + "'");
            }
            entries.add(path);
        }
        return entries;
    }

    /**
     * The strategies to race: {@code requested}, or every built-in if it is empty.
     *
     * @throws IllegalArgumentException naming the bad strategy and what would be accepted: the engine's message for
     *                                  an unknown one, else worded to follow the option that gave it
     */
    public static List<String> resolve(List<String> requested, List<Path> userClasspath) {
        if (requested == null || requested.isEmpty()) {
            return LockStrategies.builtInIds();
        }
        ClassLoader loader = loader(userClasspath);
        List<String> resolved = new ArrayList<>();
        for (String value : requested) {
            if (!LockStrategies.choose(value, loader).builtIn() && isBroken(value, loader)) {
                throw new IllegalArgumentException(value + " is a deliberately broken strategy of the catalog; "
                        + "expected a built-in id or your own class (the catalog is raced as a whole)");
            }
            if (!resolved.contains(value)) {
                resolved.add(value);
            }
        }
        return resolved;
    }

    /** The catalog's strategies, by class name. */
    public static List<String> catalog() {
        return Catalog.ENTRIES.stream().map(Class::getName).toList();
    }

    private static boolean isBroken(String className, ClassLoader loader) {
        try {
            return Catalog.isBroken(Class.forName(className, false, loader));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static ClassLoader loader(List<Path> userClasspath) {
        ClassLoader parent = Strategies.class.getClassLoader();
        if (userClasspath.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[userClasspath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = userClasspath.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("entry '" + userClasspath.get(i) + "' is not a usable "
                        + "path: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader(urls, parent);
    }
}
