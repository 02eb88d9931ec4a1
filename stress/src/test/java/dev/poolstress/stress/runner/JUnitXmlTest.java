package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlTest {
    private static final Suite.Test OWNERSHIP = new Suite.Test("dev.poolstress.stress.ownership.Owns", "ownership");
    private static final Suite.Test LOSS = new Suite.Test("dev.poolstress.stress.loss.Loses", "loss");

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldWriteOneTestCasePerTestAndStrategyWithTheForbiddenOutcomeAndItsCount() throws Exception {
        List<Verdict> verdicts = List.of(
                new Verdict("spin-mcs", OWNERSHIP, Verdict.Status.OK, List.of(), "", Duration.ofSeconds(4)),
                new Verdict("broken<&>", OWNERSHIP, Verdict.Status.FORBIDDEN,
                        List.of(new Outcome("1", 13_893, "Forbidden", "both CPUs popped \"the same\" head")), "",
                        Duration.ofMillis(1500)),
                new Verdict("spin-mcs/legacy", LOSS, Verdict.Status.TIMEOUT, List.of(), "killed after 300s",
                        Duration.ofSeconds(300)));

        Document doc = parse(JUnitXml.render("poolstress-race", Shard.parse("2/3"), verdicts));

        Element suite = doc.getDocumentElement();
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element broken = (Element) cases.item(1);
        assertEquals("race.broken<&>", broken.getAttribute("classname"));
        assertEquals("Owns", broken.getAttribute("name"));
        Element failure = (Element) broken.getElementsByTagName("failure").item(0);
        assertEquals("FORBIDDEN", failure.getAttribute("type"));
        assertEquals("outcome 1 seen 13893 times (both CPUs popped \"the same\" head)",
                failure.getAttribute("message"));
        Element timeout = (Element) ((Element) cases.item(2)).getElementsByTagName("error").item(0);
        assertEquals("TIMEOUT", timeout.getAttribute("type"));
        assertEquals("killed after 300s", timeout.getAttribute("message"));
        assertEquals(0, ((Element) cases.item(0)).getChildNodes().getLength());
    }

    @Test
    void shouldMarkAnInterruptedRunIncompleteWithAnErrorCaseSoThatNoCiReadsItAsAPass() throws Exception {
        List<Verdict> finished = List.of(
                new Verdict("spin-mcs", OWNERSHIP, Verdict.Status.OK, List.of(), "", Duration.ofSeconds(4)));

        Document doc = parse(JUnitXml.render("poolstress-race", Shard.WHOLE, finished, "interrupted: 1 of 9"));

        assertEquals("2", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("1", doc.getDocumentElement().getAttribute("errors"));
        Element incomplete = (Element) doc.getElementsByTagName("property").item(1);
        assertEquals("incomplete", incomplete.getAttribute("name"));
        assertEquals("interrupted: 1 of 9", incomplete.getAttribute("value"));
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertEquals("interrupted: 1 of 9", error.getAttribute("message"));
        assertEquals("race.interrupted", ((Element) error.getParentNode()).getAttribute("classname"));
    }
}
