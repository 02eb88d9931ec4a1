/**
 * The scenario catalog: scenarios are data, JSON files read by {@link dev.poolstress.scenarios.catalog.ScenarioParser},
 * each of a {@link dev.poolstress.scenarios.catalog.ScenarioKind} that reads its own fields into its storm's plan,
 * with the built-ins shipped as resources and listed by {@code poolstress scenarios}.
 */
package dev.poolstress.scenarios.catalog;
