package io.arbiter.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping("/api/v1/policies")
class PolicyController {

    private final PolicyEngine engine;
    private final PolicyLifecycle lifecycle;

    PolicyController(PolicyEngine engine, PolicyLifecycle lifecycle) {
        this.engine = engine;
        this.lifecycle = lifecycle;
    }

    @Operation(summary = "The policy serving decisions: version, files with their hashes, and each scenario's result")
    @GetMapping("/active")
    ActivePolicy active() {
        return engine.active();
    }

    @Operation(summary = "Uploads a draft: the active version's files with these added or replacing same-named ones; "
            + "stored only when it compiles and every scenario passes")
    @PostMapping(path = "/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PolicyVersion> draft(@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(name = "comment", required = false) @Nullable String comment, Principal principal) {
        List<PolicyLifecycle.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            try {
                uploads.add(new PolicyLifecycle.Upload(file.getOriginalFilename() == null ? "" : file.getOriginalFilename(),
                        file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        PolicyVersion draft = lifecycle.draft(uploads, comment, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/policies/versions/" + draft.id())).body(draft);
    }

    @Operation(summary = "Every stored policy version, newest first")
    @GetMapping("/versions")
    List<PolicyVersion> versions() {
        return lifecycle.all();
    }

    @GetMapping("/versions/{id}")
    PolicyVersion version(@PathVariable UUID id) {
        return lifecycle.find(id);
    }

    @Operation(summary = "A file of a version, byte for byte as stored: what finance staff edit from")
    @GetMapping("/versions/{id}/files/{name}")
    ResponseEntity<byte[]> file(@PathVariable UUID id, @PathVariable String name) {
        PolicyFile file = lifecycle.file(id, name);
        return ResponseEntity.ok()
                .contentType(contentType(file.name()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
                .body(file.content());
    }

    @Operation(summary = "Approves a draft; its author cannot (maker-checker)")
    @PostMapping("/versions/{id}/approve")
    PolicyVersion approve(@PathVariable UUID id, Principal principal) {
        return lifecycle.approve(id, principal.getName());
    }

    @Operation(summary = "Publishes an approved version, or an earlier superseded one (rollback): it serves decisions at once"
            + " on every replica, or with ?effectiveFrom=<ISO instant> in the future, is SCHEDULED until that instant")
    @PostMapping("/versions/{id}/publish")
    PolicyVersion publish(@PathVariable UUID id,
            @RequestParam(name = "effectiveFrom", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            @Nullable Instant effectiveFrom, Principal principal) {
        return lifecycle.publish(id, principal.getName(), effectiveFrom);
    }

    private static MediaType contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx")) {
            return MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
        if (lower.endsWith(".xls")) {
            return MediaType.parseMediaType("application/vnd.ms-excel");
        }
        if (lower.endsWith(".csv")) {
            return new MediaType("text", "csv", StandardCharsets.UTF_8);
        }
        return new MediaType("text", "plain", StandardCharsets.UTF_8);
    }
}
