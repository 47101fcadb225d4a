/**
 * The simulation's API and the console's simulation panel, both thin over
 * {@link io.arbiter.simulation.SimulationService}: a version's simulations under {@code /api/v1/policies/versions}
 * are {@link io.arbiter.simulation.web.SimulationController}, the panel on a policy version's page is
 * {@link io.arbiter.simulation.web.SimulationWorkbench} with its charts, and both download the changes through
 * {@link io.arbiter.simulation.web.SimulationChangesExport}.
 */
package io.arbiter.simulation.web;
