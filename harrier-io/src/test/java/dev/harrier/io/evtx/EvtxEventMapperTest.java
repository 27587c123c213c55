package dev.harrier.io.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.io.evtx.BinXmlNode.Attribute;
import dev.harrier.io.evtx.BinXmlNode.CompiledTemplate;
import dev.harrier.io.evtx.BinXmlNode.Element;
import dev.harrier.io.evtx.BinXmlNode.Substitution;
import dev.harrier.io.evtx.BinXmlNode.TemplateInstance;
import dev.harrier.io.evtx.BinXmlNode.Text;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Field mapping on hand-built templates, for shapes the sample files do not cover. */
class EvtxEventMapperTest {
    private static Element element(
            String name, List<Attribute> attributes, BinXmlNode... children) {
        return new Element(name, attributes, List.of(children));
    }

    private static Element element(String name, BinXmlNode... children) {
        return element(name, List.of(), children);
    }

    private static Attribute attribute(String element, String name, BinXmlNode... value) {
        return new Attribute(name, element + "_" + name, List.of(value));
    }

    private static Event map(Element root, Object... values) {
        CompiledTemplate template = new CompiledTemplate(0, List.of(root));
        TemplateInstance instance = new TemplateInstance(template, values);
        // 2020-01-01T00:00:00Z as a FILETIME, for the fallback timestamp.
        long writtenTime = (1577836800L + 11_644_473_600L) * 10_000_000L;
        return EvtxEventMapper.toEvent(new EvtxRecord(7, writtenTime, 0x1200, List.of(instance)));
    }

    private static Element system(BinXmlNode... children) {
        return element("System", children);
    }

    @Test
    void eventDataNamedUnnamedAndEmpty() {
        Element root =
                element(
                        "Event",
                        system(element("EventID", new Substitution(0, 0x06, false))),
                        element(
                                "EventData",
                                element(
                                        "Data",
                                        List.of(attribute("Data", "Name", new Text("Empty"))),
                                        new Substitution(1, 0x01, true)),
                                element(
                                        "Data",
                                        List.of(attribute("Data", "Name", new Text("Count"))),
                                        new Substitution(2, 0x08, false)),
                                element("Data", new Text("first")),
                                element("Data", new Substitution(3, 0x81, false)),
                                element("Binary", new Substitution(4, 0x0e, false))));

        Event event = map(root, 4688L, null, 5L, List.of("second", "third"), "00FF");

        assertThat(event.field("EventID")).isEqualTo(4688L);
        assertThat(event.field("Empty")).isEqualTo("");
        assertThat(event.field("Count")).isEqualTo(5L);
        assertThat(event.field("Data")).isEqualTo(List.of("first", "second", "third"));
        assertThat(event.field("Binary")).isEqualTo("00FF");
        assertThat(event.recordId()).isEqualTo("7");
        assertThat(event.field("EventRecordID")).isEqualTo(7L);
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void singleUnnamedDataIsList() {
        Element root = element("Event", element("EventData", element("Data", new Text("only"))));

        Event event = map(root);

        assertThat(event.field("Data")).isEqualTo(List.of("only"));
    }

    @Test
    void systemAttributesAndRenames() {
        Element root =
                element(
                        "Event",
                        system(
                                element(
                                        "Provider",
                                        List.of(
                                                attribute("Provider", "Name", new Text("Svc")),
                                                attribute(
                                                        "Provider",
                                                        "EventSourceName",
                                                        new Text("Svc Source")))),
                                element(
                                        "EventID",
                                        List.of(
                                                attribute(
                                                        "EventID",
                                                        "Qualifiers",
                                                        new Substitution(0, 0x06, true))),
                                        new Text("7045")),
                                element(
                                        "TimeCreated",
                                        List.of(
                                                attribute(
                                                        "TimeCreated",
                                                        "SystemTime",
                                                        new Substitution(1, 0x11, false)))),
                                element(
                                        "Correlation",
                                        List.of(
                                                attribute(
                                                        "Correlation",
                                                        "ActivityID",
                                                        new Substitution(2, 0x0f, true)))),
                                element("Keywords", new Text("0x8080000000000000"))));

        Event event = map(root, 16384L, "2019-03-19T23:34:10.1234567Z", null);

        assertThat(event.field("Provider_Name")).isEqualTo("Svc");
        assertThat(event.field("Provider_EventSourceName")).isEqualTo("Svc Source");
        assertThat(event.field("EventID")).isEqualTo(7045L);
        assertThat(event.field("Qualifiers")).isEqualTo(16384L);
        assertThat(event.field("TimeCreated")).isEqualTo("2019-03-19T23:34:10.1234567Z");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2019-03-19T23:34:10.1234567Z"));
        assertThat(event.hasField("Correlation")).isFalse();
        assertThat(event.hasField("Correlation_ActivityID")).isFalse();
        assertThat(event.field("Keywords")).isEqualTo("0x8080000000000000");
    }

    @Test
    void userDataNestsDeeperElements() {
        Element payload =
                element(
                        "Payload",
                        List.of(attribute("Payload", "xmlns", new Text("urn:example"))),
                        element("Leaf", new Text("a")),
                        element(
                                "Group",
                                List.of(attribute("Group", "Kind", new Text("x"))),
                                element("Inner", new Text("1")),
                                element("Inner", new Text("2"))),
                        element("Flag", List.of(attribute("Flag", "Set", new Text("true")))));
        Element root = element("Event", element("UserData", payload));

        Event event = map(root);

        assertThat(event.field("Leaf")).isEqualTo("a");
        assertThat(event.field("Group_Kind")).isEqualTo("x");
        assertThat(event.field("Group")).isEqualTo(Map.of("Inner", List.of("1", "2")));
        assertThat(event.field("Group.Inner")).isEqualTo(List.of("1", "2"));
        assertThat(event.field("Flag_Set")).isEqualTo("true");
        assertThat(event.hasField("Flag")).isFalse();
        assertThat(event.hasField("Payload_xmlns")).isFalse();
    }

    @Test
    void renderingInfoMessageIsRawMessage() {
        Element root =
                element(
                        "Event",
                        system(element("Level", new Text("4"))),
                        element(
                                "RenderingInfo",
                                List.of(attribute("RenderingInfo", "Culture", new Text("en-US"))),
                                element("Message", new Text("The service was stopped.")),
                                element("Level", new Text("Information"))));

        Event event = map(root);

        assertThat(event.rawMessage()).isEqualTo("The service was stopped.");
        assertThat(event.field("Message")).isEqualTo("The service was stopped.");
        assertThat(event.field("Level")).isEqualTo(4L);
    }

    @Test
    void nestedBinaryXmlValueIsExpanded() {
        Element inner = element("Detail", new Text("nested"));
        Element root = element("Event", element("UserData", new Substitution(0, 0x21, false)));
        BinXmlNode.Fragment fragment = new BinXmlNode.Fragment(List.of(element("Wrapper", inner)));

        Event event = map(root, fragment);

        assertThat(event.field("Detail")).isEqualTo("nested");
    }
}
