/**
 * The scenario catalog: scenarios are data, JSON files read by {@link dev.poolstress.scenarios.catalog.ScenarioParser},
 * with the built-ins shipped as resources and listed by {@code poolstress scenarios}.
 */
package dev.poolstress.scenarios.catalog;
