package io.arbiter.simulation;

/** Where a simulation stands: RUNNING until it is DONE, CANCELLED at its requester's demand, or FAILED. */
public enum SimulationState { RUNNING, DONE, CANCELLED, FAILED }
