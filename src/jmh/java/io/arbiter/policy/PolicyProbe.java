package io.arbiter.policy;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.kie.api.KieBase;

/**
 * Bench-only view into a running application's policy engine, for the heap measurement of {@code PolicySwapBenchmark}:
 * the compiled policy serving right now, its KieBases and the class loaders holding their generated classes, so that
 * the benchmark can hold them weakly and check that each is collected once superseded. Reflection keeps these
 * internals out of the engine's API.
 */
public final class PolicyProbe {

    private PolicyProbe() {
    }

    /** The active compiled policy, then each stage's KieBase, then each KieBase's root class loader. */
    public static List<Object> activeParts(PolicyEngine engine) {
        try {
            Field active = PolicyEngine.class.getDeclaredField("active");
            active.setAccessible(true);
            Object snapshot = ((java.util.concurrent.atomic.AtomicReference<?>) active.get(engine)).get();
            Method policyOf = snapshot.getClass().getDeclaredMethod("policy");
            policyOf.setAccessible(true);
            CompiledPolicy policy = (CompiledPolicy) policyOf.invoke(snapshot);
            List<Object> parts = new ArrayList<>();
            parts.add(policy);
            Field kieBaseField = StageSessions.class.getDeclaredField("kieBase");
            kieBaseField.setAccessible(true);
            List<ClassLoader> loaders = new ArrayList<>();
            for (StageSessions sessions : policy.sessions().values()) {
                KieBase kieBase = (KieBase) kieBaseField.get(sessions);
                parts.add(kieBase);
                Method rootClassLoader = kieBase.getClass().getMethod("getRootClassLoader");
                ClassLoader loader = (ClassLoader) rootClassLoader.invoke(kieBase);
                if (loaders.stream().noneMatch(l -> l == loader)) {
                    loaders.add(loader);
                }
            }
            parts.addAll(loaders);
            return parts;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The policy engine's internals changed; update PolicyProbe", e);
        }
    }
}
