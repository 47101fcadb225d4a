package io.arbiter.ledger.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.arbiter.ledger.LegalEntity;
import io.arbiter.ledger.importing.ColumnMapping;
import io.arbiter.ledger.importing.ImportFieldInfo;
import io.arbiter.ledger.importing.ImportJob;
import io.arbiter.ledger.importing.ImportKind;
import io.arbiter.ledger.importing.ImportMode;
import io.arbiter.ledger.importing.ImportRequest;
import io.arbiter.ledger.importing.LedgerImportProperties;
import io.arbiter.ledger.importing.LedgerImportService;
import io.arbiter.ledger.importing.MappingSuggestion;
import io.arbiter.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.arbiter.shared.Paging;
import io.arbiter.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Imports of ERP exports into the receivables ledger, and the column mapping of each source. A file is sent either as a
 * multipart upload ({@code file}, up to {@code spring.servlet.multipart.max-file-size}) or, for large exports, as the
 * request body itself (up to {@code arbiter.ledger.import.max-upload-size}), streamed to disk.
 */
@RestController
@RequestMapping("/api/v1/ledger")
class LedgerImportController {

    private final LedgerImportService imports;
    private final LedgerImportProperties properties;

    LedgerImportController(LedgerImportService imports, LedgerImportProperties properties) {
        this.imports = imports;
        this.properties = properties;
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJob> upload(@RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(name = "kind", required = false) @Nullable String kind, @RequestParam("source") String source,
            @RequestParam(name = "mode", required = false) @Nullable String mode,
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun, Principal principal) throws IOException {
        if (file == null || file.isEmpty()) {
            throw invalid("Send the export as the multipart part 'file'.");
        }
        ImportRequest request = request(kind, source, mode, dryRun, file.getOriginalFilename(), principal);
        Path stored = Files.createTempFile("ledger-import-", ".upload");
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return accepted(imports.submit(stored, request));
    }

    /** The export as the request body: {@code curl --data-binary @export.csv -H 'Content-Type: text/csv'}. */
    @PostMapping(path = "/imports", consumes = {"text/csv", "text/plain", MediaType.APPLICATION_OCTET_STREAM_VALUE,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    ResponseEntity<ImportJob> body(HttpServletRequest http, @RequestParam(name = "kind", required = false) @Nullable String kind,
            @RequestParam("source") String source, @RequestParam(name = "mode", required = false) @Nullable String mode,
            @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            @RequestParam(name = "fileName", required = false) @Nullable String fileName, Principal principal) throws IOException {
        ImportRequest request = request(kind, source, mode, dryRun, fileName, principal);
        Path stored = Files.createTempFile("ledger-import-", ".upload");
        long limit = properties.maxUploadSize().toBytes();
        long size = 0;
        try (InputStream in = http.getInputStream(); OutputStream out = Files.newOutputStream(stored)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > limit) {
                    throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large",
                            "The file is larger than arbiter.ledger.import.max-upload-size (" + properties.maxUploadSize()
                                    + "): drop it in the watched folder instead.");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(stored);
            throw e;
        }
        if (size == 0) {
            Files.deleteIfExists(stored);
            throw invalid("The request body is empty: send the export as the body, or as the multipart part 'file'.");
        }
        return accepted(imports.submit(stored, request));
    }

    @GetMapping("/imports/{id}")
    ImportJob job(@PathVariable UUID id) {
        return imports.job(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "import-not-found",
                "Import not found", "No import job " + id));
    }

    @Operation(summary = "The import jobs, newest first, page by page",
            description = "limit 1-200, default 50; cursor is the 'next' of the previous page (also in the Link header)")
    @GetMapping("/imports")
    ResponseEntity<Page<ImportJob>> jobs(@RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return Paging.ok(imports.jobs(Paging.limit(limit, 50, 200), cursor));
    }

    @Operation(summary = "The kinds of file an import reads, each with the ledger fields a mapping may fill")
    @GetMapping("/imports/kinds")
    ImportKinds kinds() {
        return new ImportKinds(java.util.Arrays.stream(ImportKind.values())
                .map(kind -> new KindFields(kind.label(), imports.fields(kind))).toList());
    }

    @Operation(summary = "The legal entities the ledger knows (an invoice import creates those it names)")
    @GetMapping("/entities")
    LegalEntities entities() {
        return new LegalEntities(imports.entities());
    }

    /** One object rather than a bare array: the API's lists are pages, and these few are parts of one answer. */
    record ImportKinds(List<KindFields> kinds) {
    }

    record KindFields(String kind, List<ImportFieldInfo> fields) {
    }

    record LegalEntities(List<LegalEntity> entities) {
    }

    @Operation(summary = "The saved column mappings, by name, page by page",
            description = "limit 1-200, default 50; cursor is the 'next' of the previous page (also in the Link header)")
    @GetMapping("/mappings")
    ResponseEntity<Page<ColumnMapping>> mappings(@RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return Paging.ok(imports.mappings(Paging.limit(limit, 50, 200), cursor));
    }

    @GetMapping("/mappings/{name}")
    ColumnMapping mapping(@PathVariable String name) {
        return imports.mapping(name).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "mapping-not-found",
                "Mapping not found", "No column mapping named '" + name + "'; POST a file to /api/v1/ledger/mappings/suggestion"
                        + " to get one suggested."));
    }

    @PutMapping("/mappings/{name}")
    ColumnMapping saveMapping(@PathVariable String name, @RequestBody ColumnMapping mapping, Principal principal) {
        return imports.saveMapping(checkedSource(name), mapping, principal.getName());
    }

    @PostMapping(path = "/mappings/suggestion", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    MappingSuggestion suggest(@RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam("kind") String kind) throws IOException {
        if (file == null || file.isEmpty()) {
            throw invalid("Send a sample of the export as the multipart part 'file'.");
        }
        ImportKind importKind = imports.kindOf(kind, "");
        Path stored = Files.createTempFile("ledger-mapping-", ".upload");
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return imports.suggest(stored, importKind);
        } finally {
            Files.deleteIfExists(stored);
        }
    }

    private ImportRequest request(@Nullable String kind, String source, @Nullable String mode, boolean dryRun,
            @Nullable String fileName, Principal principal) {
        String checked = checkedSource(source);
        ImportMode importMode;
        try {
            importMode = mode == null || mode.isBlank() ? ImportMode.DELTA : ImportMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("Unknown mode '" + mode + "': use snapshot (a full export: open invoices it omits are settled) or delta.");
        }
        return new ImportRequest(imports.kindOf(kind, checked), checked, importMode, dryRun, fileName, principal.getName());
    }

    private String checkedSource(String source) {
        return imports.checkedSource(source);
    }

    private static ResponseEntity<ImportJob> accepted(ImportJob job) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/ledger/imports/" + job.id())).body(job);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-import", "Invalid import request", detail);
    }
}
