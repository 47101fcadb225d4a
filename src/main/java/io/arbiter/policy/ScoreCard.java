package io.arbiter.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** Global {@code score} of the scoring tables: each row adds the points of one criterion, {@code score.add("SENIORITY", 10)}. */
public final class ScoreCard extends StageResult {

    private final Map<String, Integer> points = new LinkedHashMap<>();

    public void add(String criterion, int value) {
        points.put(criterion, assign(criterion + " points", points.get(criterion), value));
    }

    public Score toScore() {
        return new Score(points.values().stream().mapToInt(Integer::intValue).sum(), points);
    }
}
