/** A tuning session's reports: the terminal table, the JSON document and the self-contained HTML page. */
package dev.poolstress.scenarios.report;
