package io.arbiter.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that cannot serve decisions, with every problem found located by file, sheet and cell. */
public class PolicyLoadException extends RuntimeException {

    private final List<PolicyProblem> problems;

    public PolicyLoadException(List<PolicyProblem> problems) {
        super("The credit policy cannot be loaded:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
