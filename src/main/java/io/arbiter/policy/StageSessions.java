package io.arbiter.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Evaluations of one stage, statelessly: each borrows an idle working memory, inserts its facts, fires, and deletes
 * them again before giving the memory back. Building a working memory per evaluation (what a StatelessKieSession does)
 * cost more than the rules themselves. A memory left with any fact after an evaluation (a rule that inserted one) is
 * disposed of rather than reused, so nothing ever carries over from one decision to the next.
 *
 * <p>A memory serves one evaluation at a time (it is taken from the idle queue and given back), so it is built without
 * Drools' thread safety, whose locking and synchronised propagation queue cost about a third of each evaluation. A fact
 * of a type none of the stage's rules matches is not inserted: no pattern could see it, and inserting and deleting it
 * was most of the work of the stages that do not read it (docs/benchmarks.md, "Rule pipeline").
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
    private final KieSessionConfiguration configuration;
    /** By package, then rule name: each rule's key, built once rather than at every firing. */
    private final Map<String, Map<String, String>> ruleKeys = new HashMap<>();
    private final List<ObjectTypeNode> objectTypeNodes;
    private final Map<Class<?>, Boolean> matchable = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Session> idle = new ConcurrentLinkedQueue<>();

    public StageSessions(Stage stage, KieBase kieBase) {
        this.stage = stage;
        this.kieBase = kieBase;
        int rules = 0;
        for (KiePackage pkg : kieBase.getKiePackages()) {
            Map<String, String> keys = ruleKeys.computeIfAbsent(pkg.getName(), name -> new HashMap<>());
            for (Rule rule : pkg.getRules()) {
                keys.put(rule.getName(), CompiledPolicy.ruleKey(pkg.getName(), rule.getName()));
                rules++;
            }
        }
        this.ceiling = Math.max(MIN_CEILING, 4 * rules);
        this.objectTypeNodes = List.copyOf(((InternalRuleBase) kieBase).getRete().getObjectTypeNodes());
        this.configuration = KieServices.get().newKieSessionConfiguration();
        configuration.setOption(ThreadSafeOption.NO);
    }

    public void evaluate(StageResult result, Object... facts) {
        Session session = idle.poll();
        if (session == null) {
            session = newSession();
        }
        boolean clean = false;
        try {
            session.result = result;
            session.kieSession.setGlobal(stage.global(), result);
            List<FactHandle> handles = new ArrayList<>(facts.length);
            for (Object fact : facts) {
                if (isMatchable(fact.getClass())) {
                    handles.add(session.kieSession.insert(fact));
                }
            }
            int fired = session.kieSession.fireAllRules(ceiling);
            if (fired >= ceiling) {
                throw new RuleLoopException(mostFired(result.firedRules()), fired);
            }
            handles.forEach(session.kieSession::delete);
            clean = session.kieSession.getFactCount() == 0;
        } finally {
            session.result = null;
            if (clean) {
                idle.offer(session);
            } else {
                session.kieSession.dispose();
            }
        }
    }

    /** Whether any pattern of this stage's rules can match a fact of this class (its own type, a supertype or Object). */
    private boolean isMatchable(Class<?> type) {
        return matchable.computeIfAbsent(type,
                t -> objectTypeNodes.stream().anyMatch(node -> node.getObjectType().isAssignableFrom(t)));
    }

    private static String mostFired(List<String> fired) {
        return fired.stream().collect(java.util.stream.Collectors.groupingBy(key -> key, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).orElse("?");
    }

    private Session newSession() {
        Session session = new Session(kieBase.newKieSession(configuration, null));
        session.kieSession.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                Rule rule = event.getMatch().getRule();
                Map<String, String> keys = ruleKeys.get(rule.getPackageName());
                String key = keys == null ? null : keys.get(rule.getName());
                session.result.fired(key != null ? key : CompiledPolicy.ruleKey(rule.getPackageName(), rule.getName()));
            }
        });
        return session;
    }

    /** A working memory and the result its rules report to during the evaluation it serves. */
    private static final class Session {
        final KieSession kieSession;
        StageResult result;

        Session(KieSession kieSession) {
            this.kieSession = kieSession;
        }
    }
}
