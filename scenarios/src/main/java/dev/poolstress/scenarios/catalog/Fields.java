package dev.poolstress.scenarios.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Typed access to one JSON object of a scenario, with errors that name the source and the field's path
 * ({@code bad.json: pools[0].size must be ...}). The parser and every {@link ScenarioKind} read their fields through
 * it, so that all of a scenario's messages have one form.
 */
final class Fields {
    final String source;
    private final String path;
    private final JsonNode node;

    /** @param path the object's place in the scenario, ending in a dot ({@code pools[0].}), or empty for the root */
    Fields(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    boolean has(String field) {
        return node.has(field);
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    ScenarioException error(String field, String what) {
        String name = (path + field).replaceAll("\\.$", "");
        return new ScenarioException(source + ": " + (name.isEmpty() ? "" : name + " ") + what);
    }

    void only(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(name, "is not a known field here; known: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    /**
     * Runs a constructor whose own checks throw IllegalArgumentException, and names the source and {@code field}
     * in its message.
     */
    <T> T build(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (ScenarioException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            // the constructor may already have named the field; say it once
            throw error(field, message.startsWith(field + " ") ? message.substring(field.length() + 1) : message);
        }
    }

    String text(String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string, was " + value);
        }
        return value.asText();
    }

    String requiredText(String field) {
        String value = text(field, null);
        if (value == null || value.isBlank()) {
            throw error(field, "is required (a non-empty string)");
        }
        return value;
    }

    boolean bool(String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(field, "must be true or false, was " + value);
        }
        return value.asBoolean();
    }

    int integer(String field, int fallback, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw error(field, "must be an integer between " + min + " and " + max + ", was " + value);
        }
        return value.asInt();
    }

    int requiredInteger(String field, int min, int max) {
        if (node.get(field) == null) {
            throw error(field, "is required (an integer between " + min + " and " + max + ")");
        }
        return integer(field, 0, min, max);
    }
}
