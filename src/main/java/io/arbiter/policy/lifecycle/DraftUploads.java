package io.arbiter.policy.lifecycle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import io.arbiter.policy.lifecycle.PolicyLifecycle.Upload;
import io.arbiter.policy.lifecycle.PolicyLifecycle.UploadRights;
import io.arbiter.shared.ProblemException;

import io.arbiter.policy.ScenarioResult;
import io.arbiter.policy.compile.BoundedZip;
import io.arbiter.policy.compile.PolicyFile;

/**
 * What an upload must be before its files are compiled: policy files by their names (a zip of them inflated within
 * {@link BoundedZip}'s limits), none empty or over {@code arbiter.policy.max-upload-size}, {@code .drl} files only from
 * someone who may upload them; and, once compiled, running every scenario the active version runs unless the uploader
 * said dropping some is meant.
 */
public final class DraftUploads {

    private DraftUploads() {
    }

    /** The uploaded files, zips replaced by what they hold, or the reason (400, 403, 413) nothing is stored. */
    static List<Upload> files(List<Upload> uploaded, DataSize max, UploadRights rights) {
        List<Upload> uploads = unzipped(uploaded, max);
        check(uploads, max);
        requireDrlRights(uploads, rights);
        return uploads;
    }

    /**
     * Replaces each uploaded zip by the files it holds, by their names without folders, inflated within
     * {@link BoundedZip}'s limits (a zip bomb is refused while it is being inflated, before it can fill the memory).
     */
    private static List<Upload> unzipped(List<Upload> uploads, DataSize max) {
        List<Upload> files = new ArrayList<>();
        for (Upload upload : uploads) {
            if (!upload.name().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                files.add(upload);
                continue;
            }
            int before = files.size();
            try {
                for (Map.Entry<String, byte[]> entry : BoundedZip.inflate(upload.content()).entrySet()) {
                    String name = entry.getKey().substring(entry.getKey().lastIndexOf('/') + 1);
                    if (entry.getKey().startsWith("__MACOSX/") || name.isEmpty() || name.startsWith(".")) {
                        continue;
                    }
                    if (entry.getValue().length > max.toBytes()) {
                        throw tooLarge(upload.name() + "!" + name, max);
                    }
                    files.add(new Upload(name, entry.getValue()));
                }
            } catch (BoundedZip.TooLarge e) {
                throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large",
                        upload.name() + " " + e.getMessage(), Map.of("errors", List.of(Map.of("file", upload.name(),
                                "message", e.getMessage()))));
            } catch (IOException e) {
                throw invalidUpload(upload.name() + " is not a readable zip",
                        List.of(Map.of("file", upload.name(), "message", "is not a readable zip")));
            }
            if (files.size() == before) {
                throw invalidUpload(upload.name() + " holds no file", List.of(Map.of("file", upload.name(), "message", "holds no file")));
            }
        }
        return files;
    }

    private static void requireDrlRights(List<Upload> uploads, UploadRights rights) {
        List<Map<String, Object>> drl = uploads.stream().filter(upload -> new PolicyFile(upload.name(), upload.content()).isDrl())
                .map(upload -> Map.<String, Object>of("file", upload.name(), "message", "is a .drl file: uploading rules written"
                        + " in DRL needs the POLICY_DEVELOPER or ADMIN role"))
                .toList();
        if (!drl.isEmpty() && !rights.mayUploadDrl()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "drl-upload-forbidden", "DRL files need a policy developer",
                    "Finance roles upload decision tables (.drl.xlsx, .drl.xls, .drl.csv); .drl files (" + drl.stream()
                            .map(e -> (String) e.get("file")).collect(java.util.stream.Collectors.joining(", "))
                            + ") need the POLICY_DEVELOPER or ADMIN role. Nothing was stored",
                    Map.of("errors", drl));
        }
    }

    /**
     * Every scenario the active version runs must still be run by the draft (same file, same name): a Tests sheet renamed
     * or removed silently skipped its scenarios, even a failing one.
     */
    static void requireScenariosKept(List<ScenarioResult> active, List<ScenarioResult> draft) {
        List<Map<String, Object>> dropped = dropped(active, draft).stream()
                .map(scenario -> {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("file", scenario.file());
                    error.put("sheet", scenario.sheet());
                    error.put("cell", "A" + scenario.row());
                    error.put("message", "scenario '" + scenario.name() + "' of the active version is not in the upload");
                    return error;
                }).toList();
        if (!dropped.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "scenarios-dropped", "Scenarios dropped",
                    dropped.size() + " scenario(s) of the active version are missing from the upload (a Tests sheet renamed,"
                            + " removed or emptied?); nothing was stored. Put them back, or upload again with"
                            + " allowDroppedScenarios=true if you removed them on purpose",
                    Map.of("errors", dropped));
        }
    }

    /** The scenarios of {@code before} that {@code after} no longer runs, matched by file and name. */
    public static List<ScenarioResult> dropped(List<ScenarioResult> before, List<ScenarioResult> after) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        after.forEach(scenario -> kept.add(scenario.file() + "\u0000" + scenario.name()));
        return before.stream().filter(scenario -> !kept.contains(scenario.file() + "\u0000" + scenario.name())).toList();
    }

    private static ProblemException tooLarge(String name, DataSize max) {
        return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Upload too large",
                name + " is larger than " + max + " (arbiter.policy.max-upload-size)",
                Map.of("errors", List.of(Map.of("file", name, "message", "is larger than " + max))));
    }

    private static void check(List<Upload> uploads, DataSize max) {
        if (uploads.isEmpty()) {
            throw invalidUpload("No file uploaded: send one or more policy files as multipart parts named 'files'", List.of());
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Upload upload : uploads) {
            String name = upload.name();
            PolicyFile file = new PolicyFile(name, upload.content());
            if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                    || !(file.isWorkbook() || file.isCsvTable() || file.isDrl())) {
                errors.add(Map.of("file", name, "message",
                        "is not a policy file (*.drl.xlsx, *.drl.xls, *.drl.csv or *.drl)"));
            } else if (upload.content().length == 0) {
                errors.add(Map.of("file", name, "message", "is empty"));
            } else if (upload.content().length > max.toBytes()) {
                throw tooLarge(name, max);
            }
        }
        if (uploads.stream().map(Upload::name).distinct().count() < uploads.size()) {
            errors.add(Map.of("file", "(upload)", "message", "the same file name is uploaded twice"));
        }
        if (!errors.isEmpty()) {
            throw invalidUpload(errors.size() + " uploaded file(s) cannot be used", errors);
        }
    }

    private static ProblemException invalidUpload(String detail, List<Map<String, Object>> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-upload", "Invalid upload", detail,
                errors.isEmpty() ? Map.of() : Map.of("errors", errors));
    }
}
