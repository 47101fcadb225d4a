package io.arbiter.policy.analysis;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.arbiter.policy.Applicant;
import io.arbiter.policy.PolicyLoadException;
import io.arbiter.policy.PolicyProblem;

/**
 * The applicant a scenario describes: {@link Applicant#builder()}'s defaults with the scenario's inputs, one per
 * {@link Applicant} field, in place; a bureau field implies a bureau report and a payment-history field a history.
 */
final class ScenarioApplicants {

    private static final Set<String> BUREAU_FIELDS = Set.of("bureaugrade", "bureaulimit", "paymentremarks", "bureaustale");
    private static final Set<String> HISTORY_FIELDS = Set.of("averagedayslate", "opendisputes", "latepaymentsharepercent",
            "paymenttrend", "brokenpromises");
    private static final RecordComponent[] COMPONENTS = Applicant.class.getRecordComponents();
    /** Input key → index of the Applicant component it sets. */
    private static final Map<String, Integer> INPUTS = inputs();

    private ScenarioApplicants() {
    }

    /** Whether a header's key names an applicant field. */
    static boolean isInput(String key) {
        return INPUTS.containsKey(key);
    }

    static Applicant of(Scenarios.Scenario scenario) {
        Applicant defaults = Applicant.builder().build();
        Object[] values = new Object[COMPONENTS.length];
        try {
            for (int i = 0; i < COMPONENTS.length; i++) {
                values[i] = COMPONENTS[i].getAccessor().invoke(defaults);
            }
            // Left to the constructor, which derives it from the bureau fields the scenario gives, unless it names it.
            values[INPUTS.get("bureaulookup")] = null;
            scenario.inputs().forEach((name, value) -> {
                Integer index = INPUTS.get(name);
                if (index != null) {
                    values[index] = convert(scenario, name, COMPONENTS[index].getType(), value);
                    if (BUREAU_FIELDS.contains(name)) {
                        values[INPUTS.get("bureaudataavailable")] = true;
                    }
                    if (HISTORY_FIELDS.contains(name)) {
                        values[INPUTS.get("paymenthistoryavailable")] = true;
                    }
                }
            });
            if (scenario.inputs().containsKey("bureaudataavailable")) {
                values[INPUTS.get("bureaudataavailable")] = convert(scenario, "bureaudataavailable", boolean.class,
                        scenario.inputs().get("bureaudataavailable"));
            }
            Constructor<Applicant> constructor = Applicant.class.getDeclaredConstructor(
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build the scenario's applicant", e);
        }
    }

    private static Object convert(Scenarios.Scenario scenario, String name, Class<?> type, String value) {
        try {
            if (type == boolean.class) {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "oui", "1" -> true;
                    case "false", "no", "non", "0" -> false;
                    default -> throw new IllegalArgumentException("is not yes/no");
                };
            }
            if (type == int.class) {
                return new BigDecimal(value).intValueExact();
            }
            if (type == long.class) {
                return new BigDecimal(value).longValueExact();
            }
            if (type == BigDecimal.class) {
                return new BigDecimal(value);
            }
            return value;
        } catch (RuntimeException e) {
            throw new PolicyLoadException(List.of(new PolicyProblem(scenario.file(), scenario.sheet(),
                    scenario.cells().get(name), "'" + value + "' is not a valid " + name + " (" + type.getSimpleName() + ")")));
        }
    }

    static List<String> names() {
        List<String> names = new ArrayList<>(Arrays.stream(COMPONENTS)
                .map(RecordComponent::getName).filter(n -> !n.equals("overduePercent")).toList());
        names.addAll(List.of("segment", "riskClass"));
        return names;
    }

    private static Map<String, Integer> inputs() {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (int i = 0; i < COMPONENTS.length; i++) {
            if (!COMPONENTS[i].getName().equals("overduePercent")) {
                inputs.put(Scenarios.key(COMPONENTS[i].getName()), i);
            }
        }
        return inputs;
    }
}
