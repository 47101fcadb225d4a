package io.arbiter.console.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.arbiter.ledger.importing.ColumnMapping;
import io.arbiter.ledger.importing.ImportJob;
import io.arbiter.ledger.importing.ImportKind;
import io.arbiter.ledger.importing.ImportMode;
import io.arbiter.ledger.importing.ImportRequest;
import io.arbiter.ledger.importing.LedgerImportService;
import io.arbiter.shared.ProblemException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The import wizard: upload an ERP export, check the mapping of its columns (saved per source), dry-run it, import it
 * with its progress, and the history of imports. It runs the same jobs as the import API.
 */
@Controller
class ImportController {

    private static final int PAGE = 20;

    private final LedgerImportService imports;
    private final ImportUploads uploads;
    private final ImportMappingForm form;

    ImportController(LedgerImportService imports, ImportUploads uploads, ImportMappingForm form) {
        this.imports = imports;
        this.uploads = uploads;
        this.form = form;
    }

    @GetMapping("/imports")
    String start(@RequestParam(required = false) @Nullable String cursor, @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String source, @RequestParam(required = false) @Nullable String entity,
            Model model) {
        model.addAttribute("kinds", ImportKind.values());
        model.addAttribute("kind", kind == null ? ImportKind.INVOICES.label() : kind);
        model.addAttribute("source", source);
        model.addAttribute("entity", entity);
        model.addAttribute("entities", imports.entities());
        model.addAttribute("sources", imports.mappings(200, null).items().stream().map(ColumnMapping::name).toList());
        model.addAttribute("page", imports.jobs(PAGE, cursor));
        return "console/imports";
    }

    @PostMapping("/imports")
    String upload(@RequestParam(required = false) @Nullable MultipartFile file, @RequestParam String kind,
            @RequestParam String source, @RequestParam(required = false) @Nullable String entity,
            Authentication authentication, Model model, HttpServletResponse response) throws IOException {
        String problem = null;
        String checkedSource = null;
        if (file == null || file.isEmpty()) {
            problem = "import.noFile";
        } else if (ImportKind.parse(kind).isEmpty()) {
            problem = "import.noKind";
        } else {
            try {
                checkedSource = imports.checkedSource(source);
            } catch (ProblemException e) {
                problem = "import.badSource";
            }
        }
        if (problem != null || checkedSource == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", problem);
            return start(null, kind, source, entity, model);
        }
        ImportUploads.Upload upload;
        try (InputStream in = file.getInputStream()) {
            upload = uploads.keep(in, file.getOriginalFilename() == null ? "export" : file.getOriginalFilename(),
                    authentication.getName(), kind, checkedSource, blankToNull(entity));
        }
        return "redirect:/imports/uploads/" + upload.id();
    }

    @GetMapping("/imports/uploads/{id}")
    String mapping(@PathVariable UUID id, Authentication authentication, Model model) {
        ImportUploads.Upload upload = upload(id, authentication);
        try {
            form.fill(model, upload, null);
        } catch (ProblemException e) {
            model.addAttribute("unreadable", e.getMessage());
        }
        return "console/import-mapping";
    }

    /** Saves the mapping under the source's name, then dry-runs or imports the file with it. */
    @PostMapping("/imports/uploads/{id}")
    String run(@PathVariable UUID id, @RequestParam String source, @RequestParam(required = false) @Nullable String entity,
            @RequestParam(name = "field", required = false) @Nullable List<String> fields,
            @RequestParam(defaultValue = "dry-run") String action, Authentication authentication, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        ImportUploads.Upload upload = upload(id, authentication);
        String checkedSource;
        try {
            checkedSource = imports.checkedSource(source);
        } catch (ProblemException e) {
            return refused(model, response, upload.with(upload.kind(), source, blankToNull(entity)), fields,
                    List.of(form.text("import.badSource")));
        }
        ImportUploads.Upload changed = upload.with(upload.kind(), checkedSource, blankToNull(entity));
        uploads.update(changed);
        List<String> problems = form.save(changed, fields == null ? List.of() : fields, authentication.getName());
        if (!problems.isEmpty()) {
            return refused(model, response, changed, fields, problems);
        }
        ImportJob job = submit(changed, !"import".equals(action), authentication);
        redirect.addAttribute("upload", id);
        return "redirect:/imports/jobs/" + job.id();
    }

    /** Imports, for real, a file whose dry run went through, with its source's saved mapping. */
    @PostMapping("/imports/uploads/{id}/import")
    String importNow(@PathVariable UUID id, Authentication authentication, RedirectAttributes redirect) {
        ImportJob job = submit(upload(id, authentication), false, authentication);
        redirect.addAttribute("upload", id);
        return "redirect:/imports/jobs/" + job.id();
    }

    @GetMapping("/imports/jobs/{id}")
    String job(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID upload, Authentication authentication,
            Model model) {
        jobModel(id, upload, authentication, model);
        return "console/import-job";
    }

    @GetMapping("/imports/jobs/{id}/status")
    String status(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID upload, Authentication authentication,
            Model model) {
        jobModel(id, upload, authentication, model);
        return "console/import-job :: job";
    }

    private void jobModel(UUID id, @Nullable UUID uploadId, Authentication authentication, Model model) {
        ImportJob job = imports.job(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "import-not-found",
                "Import not found", "No import job " + id));
        ImportUploads.Upload upload = uploadId == null ? null : uploads.find(uploadId, authentication.getName()).orElse(null);
        if (upload != null && job.finished() && !job.dryRun() && "SUCCEEDED".equals(job.state())) {
            // Imported: sending the same file again is a new upload, from the start.
            uploads.forget(upload.id());
            upload = null;
        }
        model.addAttribute("job", job);
        model.addAttribute("upload", upload);
        model.addAttribute("preview", form.preview(job));
    }

    private ImportJob submit(ImportUploads.Upload upload, boolean dryRun, Authentication authentication) {
        ImportKind kind = imports.kindOf(upload.kind(), upload.source());
        return imports.submit(uploads.copyFor(upload), new ImportRequest(kind, upload.source(), ImportMode.DELTA, dryRun,
                upload.fileName(), authentication.getName()));
    }

    private String refused(Model model, HttpServletResponse response, ImportUploads.Upload upload,
            @Nullable List<String> fields, List<String> problems) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        form.fill(model, upload, fields);
        model.addAttribute("problems", problems);
        return "console/import-mapping";
    }

    private ImportUploads.Upload upload(UUID id, Authentication authentication) {
        return uploads.find(id, authentication.getName()).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "upload-not-found", "Upload not found", "This upload is no longer kept: upload the file again."));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
