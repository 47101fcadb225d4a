/**
 * Running a simulation: the populations re-decided by both versions, stored decisions
 * ({@link io.arbiter.simulation.replay.StoredDecisionReplay}) or the portfolio assessed with no order
 * ({@link io.arbiter.simulation.replay.PortfolioAssessment}); the comparison of two answers and its tally
 * ({@link io.arbiter.simulation.replay.Replay}); the background jobs that stream a population through the workers
 * ({@link io.arbiter.simulation.replay.SimulationJobs}); and tables {@code policy_simulation} and
 * {@code policy_simulation_change} ({@link io.arbiter.simulation.replay.Simulations}). Internal to the simulation
 * module: others start and follow simulations through {@link io.arbiter.simulation.SimulationService}.
 */
package io.arbiter.simulation.replay;
