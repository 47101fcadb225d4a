package io.arbiter.simulation.web;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import io.arbiter.simulation.SimulationSummary;

/**
 * The ECharts options of a simulation's two charts, written here so that their labels come from the console's messages
 * in the reader's language and the page's script only hands them to ECharts. Each chart has a table of the same figures
 * beside it in the page, for screen readers and for reading exact amounts.
 */
@Component
class SimulationCharts {

    /** An outcome transition as the page lists it, most frequent first. */
    record Transition(String from, String to, long count) {
    }

    private static final String ACCENT = "#1f5fbf";
    private static final String MUTED = "#9aa3af";

    private final MessageSource messages;
    private final JsonMapper json;

    SimulationCharts(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** {@code "APPROVED→REVIEW": 12} as from, to and count, the most frequent first. */
    List<Transition> transitions(SimulationSummary summary) {
        return summary.transitions().entrySet().stream()
                .map(entry -> {
                    String[] outcomes = entry.getKey().split("→", 2);
                    return new Transition(outcomes[0], outcomes.length > 1 ? outcomes[1] : "", entry.getValue());
                })
                .sorted(Comparator.comparingLong(Transition::count).reversed().thenComparing(Transition::from)
                        .thenComparing(Transition::to))
                .toList();
    }

    /** A horizontal bar per outcome transition: "Approved → Review" and how many decisions take it. */
    String transitionsChart(SimulationSummary summary, Locale locale) {
        List<Transition> transitions = transitions(summary);
        List<String> labels = transitions.stream()
                .map(t -> outcome(t.from(), locale) + " → " + outcome(t.to(), locale)).toList();
        Map<String, Object> option = base();
        option.put("grid", Map.of("left", 8, "right", 40, "top", 8, "bottom", 8, "containLabel", true));
        option.put("xAxis", Map.of("type", "value", "minInterval", 1));
        option.put("yAxis", Map.of("type", "category", "inverse", true, "data", labels));
        option.put("series", List.of(Map.of("type", "bar", "name", message("simulation.decisions", locale),
                "data", transitions.stream().map(Transition::count).toList(), "itemStyle", Map.of("color", ACCENT),
                "label", Map.of("show", true, "position", "right"), "barMaxWidth", 28)));
        return json.writeValueAsString(option);
    }

    /** Per segment, the limits granted in total under the active version and under the candidate, side by side. */
    String segmentsChart(SimulationSummary summary, Locale locale) {
        List<SimulationSummary.SegmentChange> segments = summary.bySegment();
        Map<String, Object> option = base();
        option.put("legend", Map.of("top", 0));
        option.put("grid", Map.of("left", 8, "right", 16, "top", 32, "bottom", 8, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "data", segments.stream().map(SimulationSummary.SegmentChange::segment).toList()));
        option.put("yAxis", Map.of("type", "value", "name", summary.grantedLimits().before().currency().getCurrencyCode()));
        option.put("series", List.of(
                bars(message("simulation.activeVersion", locale), MUTED,
                        segments.stream().map(s -> s.before().amount()).toList()),
                bars(message("simulation.candidateVersion", locale), ACCENT,
                        segments.stream().map(s -> s.after().amount()).toList())));
        return json.writeValueAsString(option);
    }

    private static Map<String, Object> bars(String name, String color, List<BigDecimal> amounts) {
        return Map.of("type", "bar", "name", name, "data", amounts, "itemStyle", Map.of("color", color), "barMaxWidth", 48);
    }

    /** What both charts share: no animation (the figures are read, not watched), a tooltip on hover or focus. */
    private static Map<String, Object> base() {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("textStyle", Map.of("fontSize", 13));
        option.put("tooltip", Map.of("trigger", "axis"));
        return option;
    }

    private String outcome(String outcome, Locale locale) {
        return messages.getMessage("outcome." + outcome, null, outcome, locale);
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
