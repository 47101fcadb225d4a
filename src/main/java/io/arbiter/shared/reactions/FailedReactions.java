package io.arbiter.shared.reactions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The failed reactions to some of a module's own events, as the outbox ({@code event_publication}, kept moving by
 * {@link ReactionRetries}) holds them, for a module that must know whether a reaction to what it published failed:
 * Spring Modulith's {@code FailedEventPublications} can run failed reactions again but not count them.
 */
@Component
public class FailedReactions {

    /**
     * The events of one type whose fields include the given values, by the names of the event record's components
     * (the outbox stores each event as JSON of its record).
     */
    public record Events(Class<?> type, Map<String, String> fields) {

        public Events {
            fields = Map.copyOf(fields);
        }
    }

    private final JdbcClient jdbc;

    FailedReactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many reactions to any of {@code events} failed and have not succeeded since. */
    public int count(List<Events> events) {
        if (events.isEmpty()) {
            return 0;
        }
        // The failed rows are few, so the containment test on them costs little.
        Map<String, Object> params = new HashMap<>();
        List<String> any = new ArrayList<>();
        for (int e = 0; e < events.size(); e++) {
            Events event = events.get(e);
            params.put("type" + e, event.type().getName());
            List<String> pairs = new ArrayList<>();
            int f = 0;
            for (Map.Entry<String, String> field : event.fields().entrySet()) {
                params.put("key" + e + "_" + f, field.getKey());
                params.put("value" + e + "_" + f, field.getValue());
                pairs.add(":key" + e + "_" + f + ", :value" + e + "_" + f);
                f++;
            }
            any.add("event_type = :type%d and serialized_event::jsonb @> jsonb_build_object(%s)".formatted(e,
                    String.join(", ", pairs)));
        }
        return jdbc.sql("""
                select count(*) from event_publication
                where status = 'FAILED' and completion_date is null
                  and (%s)""".formatted(String.join("\n    or ", any)))
                .params(params).query(Integer.class).single();
    }
}
