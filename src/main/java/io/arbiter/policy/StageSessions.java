package io.arbiter.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Evaluations of one stage, statelessly: each borrows an idle working memory, inserts its facts, fires, and deletes
 * them again before giving the memory back. Building a working memory per evaluation (what a StatelessKieSession does)
 * cost more than the rules themselves. A memory left with any fact after an evaluation (a rule that inserted one) is
 * disposed of rather than reused, so nothing ever carries over from one decision to the next.
 */
public final class StageSessions {

    /** A stage's rules never fire this often in one evaluation unless one keeps re-activating itself. */
    private static final int MIN_CEILING = 10_000;

    /** A rule that kept firing until the ceiling: it loops, and the evaluation is stopped rather than left to hang. */
    public static final class RuleLoopException extends RuntimeException {
        final String ruleKey;
        final int firings;

        RuleLoopException(String ruleKey, int firings) {
            super("rule " + ruleKey + " fired " + firings + " times in one evaluation: it loops", null, false, false);
            this.ruleKey = ruleKey;
            this.firings = firings;
        }
    }

    private final Stage stage;
    private final KieBase kieBase;
    private final int ceiling;
    private final ConcurrentLinkedQueue<KieSession> idle = new ConcurrentLinkedQueue<>();

    public StageSessions(Stage stage, KieBase kieBase) {
        this.stage = stage;
        this.kieBase = kieBase;
        int rules = kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
        this.ceiling = Math.max(MIN_CEILING, 4 * rules);
    }

    public void evaluate(StageResult result, Object... facts) {
        KieSession session = idle.poll();
        if (session == null) {
            session = newSession();
        }
        boolean clean = false;
        try {
            session.setGlobal(stage.global(), result);
            List<FactHandle> handles = new ArrayList<>(facts.length);
            for (Object fact : facts) {
                handles.add(session.insert(fact));
            }
            int fired = session.fireAllRules(ceiling);
            if (fired >= ceiling) {
                throw new RuleLoopException(mostFired(result.firedRules()), fired);
            }
            handles.forEach(session::delete);
            clean = session.getFactCount() == 0;
        } finally {
            if (clean) {
                idle.offer(session);
            } else {
                session.dispose();
            }
        }
    }

    private static String mostFired(List<String> fired) {
        return fired.stream().collect(java.util.stream.Collectors.groupingBy(key -> key, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).orElse("?");
    }

    private KieSession newSession() {
        KieSession session = kieBase.newKieSession();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                StageResult result = (StageResult) event.getKieRuntime().getGlobal(stage.global());
                result.fired(CompiledPolicy.ruleKey(event.getMatch().getRule().getPackageName(), event.getMatch().getRule().getName()));
            }
        });
        return session;
    }
}
