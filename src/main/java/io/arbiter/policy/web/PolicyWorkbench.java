package io.arbiter.policy.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.arbiter.security.Role;
import io.arbiter.shared.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.ScenarioResult;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.lifecycle.PolicyLifecycle;
import io.arbiter.policy.lifecycle.PolicyVersion;

/**
 * The console's policy workbench (templates {@code console/policy*.html}): the active version and its files, drafts
 * uploaded by drag and drop with their errors by file, sheet and cell, a version's scenarios, analysis and diff, and
 * the life cycle's steps (approve, publish now or at a date, roll back). It sits beside {@link PolicyController}
 * because it works the same life cycle, through the same methods, with the person's name where the API has the key's.
 */
@Controller
class PolicyWorkbench {

    /** The newest versions the workbench lists; older ones stay in the API's paged list. */
    private static final int VERSIONS_SHOWN = 100;

    private final PolicyEngine engine;
    private final PolicyLifecycle lifecycle;
    private final JsonMapper json;
    private final Clock clock;

    PolicyWorkbench(PolicyEngine engine, PolicyLifecycle lifecycle, JsonMapper json, Clock clock) {
        this.engine = engine;
        this.lifecycle = lifecycle;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/policy")
    String workbench(Model model) {
        model.addAttribute("active", engine.active());
        model.addAttribute("versions", lifecycle.page(VERSIONS_SHOWN, null).items());
        return "console/policy";
    }

    @PostMapping(path = "/policy/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(name = "comment", required = false) @Nullable String comment, Authentication person,
            Model model, HttpServletResponse response) {
        List<PolicyLifecycle.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
                continue;
            }
            try {
                uploads.add(new PolicyLifecycle.Upload(file.getOriginalFilename() == null ? "" : file.getOriginalFilename(),
                        file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        boolean mayUploadDrl = Role.POLICY_DEVELOPER.heldBy(person.getAuthorities()) || Role.ADMIN.heldBy(person.getAuthorities());
        try {
            PolicyVersion draft = lifecycle.draft(uploads, comment, person.getName(),
                    new PolicyLifecycle.UploadRights(mayUploadDrl, false)).version();
            return "redirect:/policy/versions/" + draft.id() + "?uploaded";
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            var problem = e.toProblemDetail();
            model.addAttribute("problem", problem.getDetail());
            model.addAttribute("errors", problem.getProperties() == null ? List.of()
                    : problem.getProperties().getOrDefault("errors", List.of()));
            model.addAttribute("comment", comment);
            return workbench(model);
        }
    }

    @GetMapping("/policy/versions/{id}")
    String version(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID against, Model model) {
        PolicyVersion version = lifecycle.find(id);
        UUID base = against != null ? against : engine.active().id();
        model.addAttribute("version", version);
        model.addAttribute("activeId", engine.active().id());
        model.addAttribute("scenarios", List.of(json.treeToValue(version.scenarios(), ScenarioResult[].class)));
        model.addAttribute("versions", lifecycle.page(VERSIONS_SHOWN, null).items());
        model.addAttribute("against", base);
        model.addAttribute("zone", clock.getZone());
        return "console/policy-version";
    }

    /** The changes from {@code against} to this version, which the version's page loads once it shows. */
    @GetMapping("/policy/versions/{id}/diff")
    String diff(@PathVariable UUID id, @RequestParam UUID against, Model model) {
        model.addAttribute("diff", lifecycle.diff(against, id));
        return "console/policy-diff :: diff";
    }

    @GetMapping("/policy/versions/{id}/files/{name}")
    ResponseEntity<byte[]> file(@PathVariable UUID id, @PathVariable String name) {
        PolicyFile file = lifecycle.file(id, name);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .body(file.content());
    }

    /** A file of the version a decision names by its content version (the reasons of a decision link here). */
    @GetMapping("/policy/files/{name}")
    String fileOfVersion(@PathVariable String name, @RequestParam String version) {
        PolicyVersion found = lifecycle.page(500, null).items().stream().filter(v -> v.version().equals(version)).findFirst()
                .orElseThrow(() -> new ProblemException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "policy-version-not-found", "Policy version not found", "No policy version is " + version));
        return "redirect:/policy/versions/" + found.id() + "/files/" + name;
    }

    @PostMapping("/policy/versions/{id}/approve")
    String approve(@PathVariable UUID id, Authentication person, RedirectAttributes redirect) {
        return act(id, redirect, "approved", () -> lifecycle.approve(id, person.getName()));
    }

    /** Publishes now, or at {@code effectiveFrom} (a local date and time, in the server's zone) when given. */
    @PostMapping("/policy/versions/{id}/publish")
    String publish(@PathVariable UUID id, @RequestParam(required = false) @Nullable String effectiveFrom,
            Authentication person, RedirectAttributes redirect) {
        Instant at = effectiveFrom == null || effectiveFrom.isBlank() ? null
                : LocalDateTime.parse(effectiveFrom).atZone(clock.getZone()).toInstant();
        return act(id, redirect, at == null ? "published" : "scheduled", () -> lifecycle.publish(id, person.getName(), at));
    }

    @PostMapping("/policy/versions/{id}/cancel-schedule")
    String cancelSchedule(@PathVariable UUID id, Authentication person, RedirectAttributes redirect) {
        return act(id, redirect, "cancelled", () -> lifecycle.cancelSchedule(id, person.getName()));
    }

    private String act(UUID id, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addAttribute("done", done);
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/policy/versions/" + id;
    }
}
