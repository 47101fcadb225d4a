package io.arbiter.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The limits tests' application: a bureau the tests script (French companies) and one credit-insurance contract,
 * {@code TestInsurer}: report an unpaid invoice within 30 days of its due date extended by 10, claim within 5 days of
 * the report. One annotation, so that the API tests and the browser tests of limits share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@TestPropertySource(properties = {"arbiter.bureau.waterfall.FR=limitsbureau",
        "arbiter.limits.insurance.contracts[0].insurer=TestInsurer",
        "arbiter.limits.insurance.contracts[0].overdue-reporting-days=30",
        "arbiter.limits.insurance.contracts[0].extension-days=10",
        "arbiter.limits.insurance.contracts[0].claim-days=5"})
@Import(LimitsApiTest.Bureau.class)
@interface LimitsContext {
}
