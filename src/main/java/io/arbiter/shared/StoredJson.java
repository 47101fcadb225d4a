package io.arbiter.shared;

import org.springframework.stereotype.Component;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON that Arbiter stored earlier (decisions, facts, snapshots). Requests are read strictly so that a misspelt
 * field is an error, but stored records outlive the code that wrote them: a field dropped since must not make a
 * record, or a decision falling back on it, unreadable.
 */
@Component
public class StoredJson {

    private final JsonMapper json;

    StoredJson(JsonMapper json) {
        this.json = json;
    }

    public <T> T read(String text, Class<T> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(text);
    }
}
