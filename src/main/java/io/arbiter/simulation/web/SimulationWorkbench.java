package io.arbiter.simulation.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.arbiter.shared.ProblemException;
import io.arbiter.simulation.SimulationRequest;
import io.arbiter.simulation.SimulationService;
import io.arbiter.simulation.SimulationState;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * The console's side of simulations, on a policy version's page (fragments of {@code console/simulation.html} that
 * htmx swaps in): the form that starts one, its progress while it runs, then what would change — charts with their
 * figures as tables beside them, the changed decisions page by page, and the CSV of them all.
 */
@Controller
@RequestMapping("/policy/versions/{versionId}")
class SimulationWorkbench {

    /** A changed decision as its table row shows it, with the rows of the candidate's tables that decided it. */
    record ChangeLine(SimulationService.ChangeView change, List<Rule> candidateRules) {

        static ChangeLine of(SimulationService.ChangeView change) {
            List<Rule> rules = new ArrayList<>();
            for (JsonNode reason : change.candidate().reasons()) {
                rules.add(new Rule(reason.path("table").asString(""), text(reason, "sheet"),
                        reason.path("row").isNumber() ? reason.path("row").asInt() : null,
                        reason.path("description").asString("")));
            }
            return new ChangeLine(change, rules);
        }

        private static @Nullable String text(JsonNode node, String field) {
            return node.path(field).isString() ? node.path(field).asString() : null;
        }
    }

    /** A rule that fired: its file, sheet and row (a DRL rule's line, without sheet), and its description. */
    record Rule(String table, @Nullable String sheet, @Nullable Integer row, String description) {
    }

    /** Changed decisions per page of the console's table; every one is in the CSV. */
    static final int PAGE = 20;

    private final SimulationService service;
    private final SimulationCharts charts;
    private final SimulationChangesExport export;

    SimulationWorkbench(SimulationService service, SimulationCharts charts, SimulationChangesExport export) {
        this.service = service;
        this.charts = charts;
        this.export = export;
    }

    /** The form and the version's latest simulation, loaded once its page is shown. */
    @GetMapping("/simulation")
    String panel(@PathVariable UUID versionId, Model model) {
        model.addAttribute("versionId", versionId);
        service.latest(versionId).ifPresent(view -> model.addAttribute("part", show(view, model)));
        return "console/simulation :: panel";
    }

    @PostMapping("/simulations")
    String start(@PathVariable UUID versionId, @RequestParam(defaultValue = "portfolio") String population,
            @RequestParam(required = false) @Nullable Integer last, @RequestParam(required = false) @Nullable LocalDate from,
            @RequestParam(required = false) @Nullable LocalDate to, Authentication person, Model model) {
        model.addAttribute("versionId", versionId);
        model.addAttribute("population", population);
        model.addAttribute("last", last);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        SimulationRequest request = switch (population) {
            case "last" -> new SimulationRequest(null, null, last == null ? 0 : last, null);
            case "period" -> new SimulationRequest(from, to, null, null);
            default -> new SimulationRequest(null, null, null, true);
        };
        try {
            // The progress first, even of a simulation quick enough to be done already: it then shows what it found.
            model.addAttribute("simulation", service.start(versionId, request, person.getName()));
            model.addAttribute("part", "progress");
        } catch (ProblemException e) {
            // Shown in the panel, which htmx swaps only on a success status.
            model.addAttribute("problem", e.getMessage());
        }
        return "console/simulation :: panel";
    }

    /** Progress while the simulation runs (the fragment polls itself), what it found once it has finished. */
    @GetMapping("/simulations/{id}")
    String simulation(@PathVariable UUID versionId, @PathVariable UUID id, Model model) {
        return "console/simulation :: " + show(service.find(versionId, id), model);
    }

    @PostMapping("/simulations/{id}/cancel")
    String cancel(@PathVariable UUID versionId, @PathVariable UUID id, Model model) {
        SimulationService.SimulationView view;
        try {
            view = service.cancel(versionId, id);
        } catch (ProblemException e) {
            view = service.find(versionId, id); // it finished meanwhile: show what it found
        }
        return "console/simulation :: " + show(view, model);
    }

    @GetMapping("/simulations/{id}/changes")
    String changes(@PathVariable UUID versionId, @PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            Model model) {
        SimulationService.SimulationView view = service.find(versionId, id);
        model.addAttribute("simulation", view);
        page(view, page, model);
        return "console/simulation :: changes";
    }

    @GetMapping("/simulations/{id}/changes.csv")
    void csv(@PathVariable UUID versionId, @PathVariable UUID id, @RequestParam(required = false) @Nullable String dialect,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            HttpServletResponse response) throws IOException {
        export.write(versionId, id, "csv", dialect, accept, response);
    }

    /** Puts what the simulation's fragment shows in the model; returns the fragment's name. */
    private String show(SimulationService.SimulationView view, Model model) {
        model.addAttribute("versionId", view.versionId());
        model.addAttribute("simulation", view);
        if (view.state() == SimulationState.RUNNING) {
            return "progress";
        }
        if (view.summary() != null) {
            var locale = LocaleContextHolder.getLocale();
            model.addAttribute("transitions", charts.transitions(view.summary()));
            model.addAttribute("transitionsChart", charts.transitionsChart(view.summary(), locale));
            model.addAttribute("segmentsChart", charts.segmentsChart(view.summary(), locale));
        }
        page(view, 0, model);
        return "results";
    }

    private void page(SimulationService.SimulationView view, int page, Model model) {
        long pages = Math.max(1, (view.changed() + PAGE - 1) / PAGE);
        int shown = (int) Math.max(0, Math.min(page, pages - 1));
        model.addAttribute("changes", service.changes(view.versionId(), view.id(), (long) shown * PAGE, PAGE).stream()
                .map(ChangeLine::of).toList());
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
    }
}
