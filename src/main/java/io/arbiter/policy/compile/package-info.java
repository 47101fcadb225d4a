/**
 * From files to rules: decision tables and DRL files read, checked against the closed policy language and compiled.
 * Tables ({@code *.drl.xlsx}, {@code *.drl.csv}) and DRL files are read with hostile or malformed ones refused
 * ({@link io.arbiter.policy.compile.PolicyFileGuard}), every cell is checked against what a policy may say
 * ({@link io.arbiter.policy.compile.PolicyLanguage}, {@link io.arbiter.policy.compile.PolicyLanguageCheck}), and the
 * whole is compiled into one immutable {@link io.arbiter.policy.CompiledPolicy}
 * ({@link io.arbiter.policy.compile.PolicyCompiler}). Internal to the policy module: other modules see a compiled
 * policy only through {@link io.arbiter.policy.PolicyEngine}.
 */
package io.arbiter.policy.compile;
