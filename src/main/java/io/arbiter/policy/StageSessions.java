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
final class StageSessions {

    private final Stage stage;
    private final KieBase kieBase;
    private final ConcurrentLinkedQueue<KieSession> idle = new ConcurrentLinkedQueue<>();

    StageSessions(Stage stage, KieBase kieBase) {
        this.stage = stage;
        this.kieBase = kieBase;
    }

    void evaluate(StageResult result, Object... facts) {
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
            session.fireAllRules();
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
