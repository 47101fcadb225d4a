package io.arbiter.dunning.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.arbiter.dunning.DunningProperties;
import io.arbiter.shared.PackagedFolder;

/**
 * The message templates finance staff edit: plain UTF-8 text files {@code <language>/<template>.txt} under
 * {@code arbiter.dunning.templates-directory}, read again at each rendering so that an edit applies at once. A template
 * holds {@code {{variable}}} placeholders and nothing else that is evaluated: substitution is plain text, so a
 * template can never run code. Every placeholder must be one of {@link #VARIABLES}; a template naming another one stops
 * the application at start-up with the file and line.
 */
@Component
public class DunningTemplates {

    public static final List<String> LANGUAGES = List.of("fr", "en");
    /** The placeholders a template may use (documented in docs/ledger-and-collections.md, "Templates"). */
    static final Set<String> VARIABLES = Set.of("customer.name", "customer.account", "customer.registrationNumber",
            "customer.address", "supplier.name", "supplier.address", "supplier.registrationNumber", "supplier.contact",
            "date", "invoices", "invoices.due", "invoices.count", "total.open", "total.interest", "total.indemnity",
            "total.claim", "total.notYetDue", "latePaid", "promise.date", "promise.amount", "claim.deadline", "action.channel", "interest.until",
            "penalty.rate", "penalty.rates", "penalty.reference", "penalty.margin", "penalty.referenceDate", "penalty.basis",
            "indemnity.basis");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z.]+)\\s*}}");

    /** The legal mentions printed under every letter, not editable by the person sending it. */
    static final String LETTER_FOOTER = "letter-footer";
    /** The suffix of a template's variant for public bodies ({@link #forDebtor}). */
    static final String PUBLIC_VARIANT = "-public";
    /** Where the build packages the repository's templates/dunning (pom.xml). */
    static final String PACKAGED = "default-dunning-templates";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DunningTemplates.class);

    private final Path directory;

    public DunningTemplates(DunningProperties properties) {
        Path configured = properties.templatesDirectory();
        this.directory = configured != null ? configured : PackagedFolder.extract(PACKAGED);
        log.info("Dunning templates: {}", configured != null ? configured.toAbsolutePath()
                : "the ones packaged in the application (arbiter.dunning.templates-directory is not set)");
        List<String> problems = check();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Dunning templates in " + directory.toAbsolutePath() + " cannot be used:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /**
     * The template to use for a debtor: for a public body, {@code <template>-public} when it exists in every language.
     * A public person owes "intérêts moratoires" (Code de la commande publique L2192-13), not "pénalités de retard", and
     * cannot be the target of an injonction de payer or of enforcement (its property cannot be seized): the remedy is
     * the administrative judge. Letters that say otherwise have a public variant.
     */
    public String forDebtor(String template, boolean publicBody) {
        if (!publicBody || !template.matches("[a-z0-9-]+")) {
            return template;
        }
        String variant = template + PUBLIC_VARIANT;
        return LANGUAGES.stream().allMatch(language -> Files.isRegularFile(directory.resolve(language).resolve(variant + ".txt")))
                ? variant : template;
    }

    /** The template rendered with these values, or null when the file does not exist. */
    @Nullable String render(String language, String template, Map<String, String> values) {
        Path file = directory.resolve(language).resolve(template + ".txt");
        if (!template.matches("[a-z0-9-]+") || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher matcher = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
            }
            matcher.appendTail(out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> check() {
        List<String> problems = new ArrayList<>();
        for (String language : LANGUAGES) {
            Path folder = directory.resolve(language);
            if (!Files.isDirectory(folder)) {
                problems.add(folder + " is missing");
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher matcher = PLACEHOLDER.matcher(lines.get(i));
                        while (matcher.find()) {
                            if (!VARIABLES.contains(matcher.group(1))) {
                                problems.add(language + "/" + file.getFileName() + " line " + (i + 1) + ": {{" + matcher.group(1)
                                        + "}} is not a template variable; use one of " + String.join(", ", VARIABLES.stream().sorted().toList()));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                problems.add(folder + " cannot be read: " + e.getMessage());
            }
        }
        return problems;
    }
}
