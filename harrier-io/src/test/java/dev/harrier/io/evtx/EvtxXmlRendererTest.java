package dev.harrier.io.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.io.ReadProblem;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

class EvtxXmlRendererTest {
    private static Map<String, String> renderAll(Path file, List<ReadProblem> problems) {
        Map<String, String> xmlByRecordId = new LinkedHashMap<>();
        EvtxXmlRenderer.render(
                file,
                EvtxReadOptions.defaults(),
                new EvtxXmlRenderer.XmlSink() {
                    @Override
                    public void record(String xml, String locator) {
                        xmlByRecordId.put(locator, xml);
                    }

                    @Override
                    public void unreadable(ReadProblem problem) {
                        problems.add(problem);
                    }
                });
        return xmlByRecordId;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void logonRecordRendersAsWellFormedEventXml() throws Exception {
        List<ReadProblem> problems = new ArrayList<>();
        Map<String, String> xml =
                renderAll(
                        SharedData.resolve("data/evtx/omerbenamram/samples/security.evtx"),
                        problems);

        Document document = parse(xml.get("2"));
        Element root = document.getDocumentElement();

        assertThat(problems).isEmpty();
        assertThat(root.getLocalName()).isEqualTo("Event");
        assertThat(root.getNamespaceURI())
                .isEqualTo("http://schemas.microsoft.com/win/2004/08/events/event");
        assertThat(xml.get("2"))
                .contains("<EventID>4624</EventID>")
                .contains("<TimeCreated SystemTime=\"2016-07-08T18:12:51.6816408Z\"/>")
                .contains("<Data Name=\"TargetUserName\">SYSTEM</Data>")
                .contains("<Data Name=\"ProcessName\"/>")
                .contains("Guid=\"{54849625-5478-4994-A5BA-3E3B0328C30D}\"");
    }

    @Test
    void everyRecordOfSampleIsWellFormed() throws Exception {
        List<ReadProblem> problems = new ArrayList<>();
        Map<String, String> xml =
                renderAll(
                        SharedData.resolve("data/evtx/omerbenamram/samples/2-vss_7-System.evtx"),
                        problems);

        assertThat(xml).hasSize(1160);
        for (Map.Entry<String, String> entry : xml.entrySet()) {
            Document document = parse(entry.getValue());
            assertThat(
                            document.getElementsByTagNameNS("*", "EventRecordID")
                                    .item(0)
                                    .getTextContent())
                    .as("record %s", entry.getKey())
                    .isEqualTo(entry.getKey());
        }
    }
}
