package io.arbiter.console.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import io.arbiter.console.ConsoleFormat;
import io.arbiter.ledger.importing.ColumnMapping;
import io.arbiter.ledger.importing.ImportFieldInfo;
import io.arbiter.ledger.importing.ImportJob;
import io.arbiter.ledger.importing.ImportKind;
import io.arbiter.ledger.importing.LedgerImportService;
import io.arbiter.ledger.importing.MappingSuggestion;
import io.arbiter.shared.ProblemException;

/**
 * The wizard's mapping step: the file's columns one by one, each with its first value and the ledger field it fills
 * (the source's saved mapping when it has one for this kind, else the suggestion), and the mapping a person chose,
 * checked in their words before the import service saves it.
 */
@Component
class ImportMappingForm {

    /** One column of the file: its header, its first value and the field it fills ("" for none). */
    record Column(int index, String header, String sample, String field) {
    }

    /** The first rows of a dry run as Arbiter read them, under the fields they fill. */
    record Preview(List<String> fields, List<PreviewRow> rows) {
    }

    record PreviewRow(long row, List<String> cells) {
    }

    private final LedgerImportService imports;
    private final MessageSource messages;
    private final ConsoleFormat format;

    ImportMappingForm(LedgerImportService imports, MessageSource messages, ConsoleFormat format) {
        this.imports = imports;
        this.messages = messages;
        this.format = format;
    }

    /** The mapping step's model; {@code chosen} are the fields a refused form had, column by column. */
    void fill(Model model, ImportUploads.Upload upload, @Nullable List<String> chosen) {
        ImportKind kind = ImportKind.parse(upload.kind()).orElseThrow();
        MappingSuggestion suggestion = imports.suggest(upload.file(), kind);
        Optional<ColumnMapping> saved = saved(upload);
        ColumnMapping mapping = saved.orElse(suggestion.mapping());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < suggestion.header().size(); i++) {
            String header = suggestion.header().get(i);
            String field = chosen != null && i < chosen.size() ? chosen.get(i) : fieldOf(mapping, header);
            columns.add(new Column(i, header, i < suggestion.sample().size() ? suggestion.sample().get(i) : "", field));
        }
        List<String> absent = saved.map(m -> m.columns().values().stream()
                .filter(header -> !suggestion.header().contains(header)).toList()).orElse(List.of());
        model.addAttribute("upload", upload);
        model.addAttribute("format", suggestion.format());
        model.addAttribute("columns", columns);
        model.addAttribute("fields", imports.fields(kind));
        model.addAttribute("saved", saved.isPresent());
        model.addAttribute("absent", absent);
        model.addAttribute("otherKind", imports.mapping(upload.source())
                .filter(other -> !other.kind().equals(kind.label())).map(ColumnMapping::kind).orElse(null));
        model.addAttribute("entities", imports.entities());
        model.addAttribute("entityMapped", columns.stream().anyMatch(column -> column.field().equals("entity")));
    }

    /** Saves the chosen mapping under the upload's source; answers the problems, in the reader's words, if it cannot. */
    List<String> save(ImportUploads.Upload upload, List<String> chosen, String by) {
        ImportKind kind = ImportKind.parse(upload.kind()).orElseThrow();
        MappingSuggestion suggestion = imports.suggest(upload.file(), kind);
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < Math.min(chosen.size(), suggestion.header().size()); i++) {
            String field = chosen.get(i);
            if (field.isBlank()) {
                continue;
            }
            String header = suggestion.header().get(i);
            String before = columns.putIfAbsent(field, header);
            if (before != null) {
                problems.add(text("import.fieldTwice", label(field), before, header));
            }
        }
        Map<String, String> defaults = new LinkedHashMap<>(saved(upload).map(ColumnMapping::defaults).orElse(Map.of()));
        if (upload.entity() != null) {
            defaults.put("entity", upload.entity());
        }
        Set<String> mapped = new LinkedHashSet<>(columns.keySet());
        mapped.addAll(defaults.keySet());
        for (ImportFieldInfo field : imports.fields(kind)) {
            if (field.required() && !mapped.contains(field.name()) && field.unlessMapped().stream().noneMatch(mapped::contains)) {
                problems.add(text(field.name().equals("entity") ? "import.missingEntity" : "import.missing", label(field.name())));
            }
        }
        if (problems.isEmpty()) {
            try {
                imports.saveMapping(upload.source(), new ColumnMapping(upload.source(), kind.label(), columns, defaults), by);
            } catch (ProblemException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** The dry run's (or import's) first rows, amounts and dates written as the reader writes them. */
    Preview preview(ImportJob job) {
        List<ImportFieldInfo> fields = ImportKind.parse(job.kind()).map(imports::fields).orElse(List.of());
        Set<String> shown = new LinkedHashSet<>();
        for (Map<String, Object> row : job.preview()) {
            if (row.get("values") instanceof Map<?, ?> values) {
                fields.stream().map(ImportFieldInfo::name).filter(values::containsKey).forEach(shown::add);
            }
        }
        List<PreviewRow> rows = new ArrayList<>();
        for (Map<String, Object> row : job.preview()) {
            Map<?, ?> values = row.get("values") instanceof Map<?, ?> map ? map : Map.of();
            List<String> cells = new ArrayList<>();
            for (String name : shown) {
                Object value = values.get(name);
                String type = fields.stream().filter(f -> f.name().equals(name)).map(ImportFieldInfo::type).findFirst().orElse("");
                cells.add(value == null ? "" : written(type, value.toString()));
            }
            rows.add(new PreviewRow(((Number) row.get("row")).longValue(), cells));
        }
        return new Preview(List.copyOf(shown), rows);
    }

    private String written(String type, String value) {
        try {
            return switch (type) {
                case "AMOUNT", "POSITIVE_AMOUNT" -> format.amount(new BigDecimal(value).setScale(2));
                case "DATE" -> format.date(LocalDate.parse(value));
                default -> value;
            };
        } catch (RuntimeException e) {
            return value;
        }
    }

    private Optional<ColumnMapping> saved(ImportUploads.Upload upload) {
        return imports.mapping(upload.source()).filter(mapping -> mapping.kind().equals(upload.kind()));
    }

    private static String fieldOf(ColumnMapping mapping, String header) {
        return mapping.columns().entrySet().stream().filter(entry -> entry.getValue().equals(header)).map(Map.Entry::getKey)
                .findFirst().orElse("");
    }

    private String label(String field) {
        return messages.getMessage("import.field." + field, null, field, LocaleContextHolder.getLocale());
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
