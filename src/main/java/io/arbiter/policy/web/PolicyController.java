package io.arbiter.policy.web;

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
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.arbiter.security.Role;
import io.arbiter.shared.Page;
import io.arbiter.shared.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;

import io.arbiter.policy.ActivePolicy;
import io.arbiter.policy.PolicyEngine;
import io.arbiter.policy.analysis.PolicyDiff;
import io.arbiter.policy.compile.PolicyFile;
import io.arbiter.policy.lifecycle.PolicyLifecycle;
import io.arbiter.policy.lifecycle.PolicyVersion;

@RestController
@RequestMapping("/api/v1/policies")
class PolicyController {

    private static final String MARKDOWN = "text/markdown";

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
            + "files equal to a stored version's are answered with that version (200) instead of a new draft (201); "
            + "stored only when it compiles and every scenario passes, with its tables' analysis (gaps, conflicting overlaps, "
            + "unreachable rows), whose errors keep it from being approved. .drl files need the POLICY_DEVELOPER or ADMIN role; an "
            + "upload that drops scenarios the active version has is refused unless allowDroppedScenarios=true")
    @PostMapping(path = "/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PolicyVersion> draft(@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            @RequestParam(name = "comment", required = false) @Nullable String comment,
            @RequestParam(name = "allowDroppedScenarios", defaultValue = "false") boolean allowDroppedScenarios,
            Authentication principal) {
        List<PolicyLifecycle.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            try {
                uploads.add(new PolicyLifecycle.Upload(file.getOriginalFilename() == null ? "" : file.getOriginalFilename(),
                        file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        boolean mayUploadDrl = Role.POLICY_DEVELOPER.heldBy(principal.getAuthorities()) || Role.ADMIN.heldBy(principal.getAuthorities());
        PolicyLifecycle.Drafted drafted = lifecycle.draft(uploads, comment, principal.getName(),
                new PolicyLifecycle.UploadRights(mayUploadDrl, allowDroppedScenarios));
        URI location = URI.create("/api/v1/policies/versions/" + drafted.version().id());
        return drafted.created() ? ResponseEntity.created(location).body(drafted.version())
                : ResponseEntity.ok().location(location).body(drafted.version());
    }

    @Operation(summary = "The stored policy versions, newest first, page by page",
            description = "limit 1-100, default 20; cursor is the 'next' of the previous page (also in the Link header)")
    @GetMapping("/versions")
    ResponseEntity<Page<PolicyVersion>> versions(@RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return Paging.ok(lifecycle.page(Paging.limit(limit, 20, 100), cursor));
    }

    @Operation(summary = "Deletes a draft (204); a version approved, scheduled or published is kept (409)")
    @DeleteMapping("/versions/{id}")
    ResponseEntity<Void> deleteDraft(@PathVariable UUID id, Principal principal) {
        lifecycle.deleteDraft(id, principal.getName());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Cancels a scheduled publication before its date: the version is APPROVED (or SUPERSEDED) again"
            + " and the active version serves on; 409 when the version is not SCHEDULED")
    @DeleteMapping("/versions/{id}/schedule")
    PolicyVersion cancelSchedule(@PathVariable UUID id, Principal principal) {
        return lifecycle.cancelSchedule(id, principal.getName());
    }

    @Operation(summary = "One version, with its tables' analysis")
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

    @Operation(summary = "What changed between two versions: files added or removed, table rows added, removed or changed "
            + "(rows matched by their condition cells) with column label, cell and old and new values, DRL rules by name; "
            + "JSON, or Markdown with Accept: text/markdown")
    @ApiResponse(responseCode = "200", description = "The differences", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PolicyDiff.Result.class)),
            @Content(mediaType = MARKDOWN, schema = @Schema(type = "string"))})
    @GetMapping(path = "/versions/{from}/diff/{to}", produces = {MediaType.APPLICATION_JSON_VALUE, MARKDOWN, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> diff(@PathVariable UUID from, @PathVariable UUID to,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        PolicyDiff.Result diff = lifecycle.diff(from, to);
        if (prefersMarkdown(accept)) {
            return ResponseEntity.ok().contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
                    .body(PolicyDiff.markdown(diff));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(diff);
    }

    /** Markdown when the client prefers it (highest quality, then first listed) to JSON; JSON otherwise. */
    private static boolean prefersMarkdown(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        MediaType best = null;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            boolean known = type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()
                    || isText(type);
            if (known && (best == null || type.getQualityValue() > best.getQualityValue())) {
                best = type;
            }
        }
        return best != null && isText(best);
    }

    private static boolean isText(MediaType type) {
        return type.getType().equals("text") && (type.getSubtype().equals("markdown") || type.getSubtype().equals("plain"));
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
