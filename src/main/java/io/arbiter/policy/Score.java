package io.arbiter.policy;

import java.util.Map;

/** The scoring stage's answer: points per criterion and their total, kept within 0–100. */
public record Score(int total, Map<String, Integer> points) {

    public Score {
        points = Map.copyOf(points);
        total = Math.clamp(total, 0, 100);
    }
}
