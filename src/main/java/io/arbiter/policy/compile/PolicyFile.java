package io.arbiter.policy.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;

/** One file of a policy, exactly as finance staff or developers wrote it. */
public record PolicyFile(String name, byte[] content) {

    public static PolicyFile read(Path path) {
        try {
            return new PolicyFile(path.getFileName().toString(), Files.readAllBytes(path));
        } catch (java.io.IOException e) {
            throw new PolicyLoadException(java.util.List.of(new PolicyProblem(path.getFileName().toString(), null, null,
                    "cannot be read: " + e.getMessage())));
        }
    }

    public boolean isWorkbook() {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".drl.xlsx") || lower.endsWith(".drl.xls");
    }

    public boolean isCsvTable() {
        return name.toLowerCase(Locale.ROOT).endsWith(".drl.csv");
    }

    public boolean isDrl() {
        return name.toLowerCase(Locale.ROOT).endsWith(".drl");
    }
}
