package dev.harrier.io.xml;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Windows event XML: the output of {@code wevtutil qe /f:xml} (events back to back, with no
 * root) and Event Viewer's "Save as XML" ({@code <Events><Event>...}). Each event becomes one event
 * of shape {@value #SHAPE}, with its EventRecordID as locator, else {@code event:N}.
 *
 * <p>Field names are those an EVTX record gives: a {@code System} element's text under its own
 * name, its attributes as {@code Element_Attribute} ({@code Provider_Name}, {@code
 * Execution_ProcessID}), and {@code EventID} with {@code Qualifiers}, {@code TimeCreated} from
 * {@code SystemTime}; each {@code <Data Name="X">} as {@code X} (an empty element as {@code ""}),
 * unnamed {@code <Data>} values as a list under {@code Data}; the elements under {@code UserData}
 * flattened by local name. {@code RenderingInfo/Message} becomes the raw message. {@code EventID},
 * {@code EventRecordID}, {@code Version}, {@code Level}, {@code Task}, {@code Opcode} and the
 * execution ids are numbers ({@link Long}) when they are decimal.
 *
 * <p>Parsing uses the JDK's StAX with DTDs and external entities disabled. A malformed event is
 * reported with its {@code line:L:C} (1-based line and column of the error) and reading goes on
 * with the next {@code <Event>}.
 */
public final class WindowsXmlReader {
    /** The shape of an event read from Windows event XML. */
    public static final String SHAPE = "xml";

    /** The maximum number of characters in one event. Longer events are reported and skipped. */
    public static final int MAX_EVENT_CHARS = 16 * 1024 * 1024;

    /** The deepest element nesting accepted inside one event. */
    public static final int MAX_DEPTH = 64;

    private final XMLInputFactory factory;

    public WindowsXmlReader() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** Sends the events of {@code file} to {@code sink}; the encoding comes from its BOM. */
    public void read(Path file, RecordSink sink) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Charset charset = detectCharset(in);
            read(new InputStreamReader(in, charset), file.toString(), sink);
        }
    }

    /**
     * Sends the events read from {@code reader} to {@code sink}.
     *
     * @param path the file name to put in read problems
     */
    public void read(Reader reader, String path, RecordSink sink) throws IOException {
        EventChunker chunker = new EventChunker(reader, MAX_EVENT_CHARS);
        int[] ordinal = {0};
        chunker.run(
                new EventChunker.Listener() {
                    @Override
                    public void chunk(EventChunker.Chunk chunk) {
                        ordinal[0]++;
                        parseChunk(chunk, ordinal[0], path, sink);
                    }

                    @Override
                    public void problem(int line, int column, String message, int lostRecords) {
                        if (lostRecords > 0) {
                            ordinal[0]++;
                        }
                        sink.unreadable(
                                new ReadProblem(
                                        path, "line:" + line + ":" + column, message, lostRecords));
                    }
                });
    }

    private void parseChunk(EventChunker.Chunk chunk, int ordinal, String path, RecordSink sink) {
        XmlElement root;
        try {
            root = parseTree(chunk.xml());
        } catch (XMLStreamException e) {
            Location location = e.getLocation();
            int line = chunk.line();
            int column = chunk.column();
            if (location != null && location.getLineNumber() > 0) {
                line = chunk.line() + location.getLineNumber() - 1;
                column =
                        location.getLineNumber() == 1
                                ? chunk.column() + location.getColumnNumber() - 1
                                : location.getColumnNumber();
            }
            sink.unreadable(
                    new ReadProblem(
                            path,
                            "line:" + line + ":" + column,
                            "malformed XML in event " + ordinal + ": " + plainMessage(e),
                            1));
            return;
        }
        Event event = WindowsXmlEvents.toEvent(root);
        Object recordId = event.field("EventRecordID");
        String locator = recordId != null ? String.valueOf(recordId) : "event:" + ordinal;
        sink.record(event, locator);
    }

    private XmlElement parseTree(String xml) throws XMLStreamException {
        XMLStreamReader stream = factory.createXMLStreamReader(new StringReader(xml));
        try {
            Deque<XmlElement> open = new ArrayDeque<>();
            XmlElement root = null;
            while (stream.hasNext()) {
                int type = stream.next();
                if (type == XMLStreamConstants.START_ELEMENT) {
                    if (open.size() >= MAX_DEPTH) {
                        throw new XMLStreamException(
                                "elements are nested deeper than " + MAX_DEPTH,
                                stream.getLocation());
                    }
                    XmlElement element = new XmlElement(stream.getLocalName());
                    for (int i = 0; i < stream.getAttributeCount(); i++) {
                        element.attributes.put(
                                stream.getAttributeLocalName(i), stream.getAttributeValue(i));
                    }
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().children.add(element);
                    }
                    open.push(element);
                } else if (type == XMLStreamConstants.END_ELEMENT) {
                    open.pop();
                } else if ((type == XMLStreamConstants.CHARACTERS
                                || type == XMLStreamConstants.CDATA
                                || type == XMLStreamConstants.SPACE)
                        && !open.isEmpty()) {
                    open.peek().text.append(stream.getText());
                } else if (type == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException(
                            "undeclared entity reference &" + stream.getLocalName() + ";",
                            stream.getLocation());
                }
            }
            return root;
        } finally {
            stream.close();
        }
    }

    /** Drops the "ParseError at [row,col]:[...]" prefix the JDK puts before the message. */
    private static String plainMessage(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int marker = message.indexOf("Message: ");
        return marker >= 0 ? message.substring(marker + "Message: ".length()) : message;
    }

    /**
     * Returns the charset from a byte order mark (UTF-8, UTF-16LE or UTF-16BE) and skips the mark,
     * or guesses UTF-16LE from a {@code <} followed by a zero byte, else UTF-8.
     */
    static Charset detectCharset(InputStream in) throws IOException {
        in.mark(3);
        int first = in.read();
        int second = in.read();
        int third = in.read();
        in.reset();
        if (first == 0xEF && second == 0xBB && third == 0xBF) {
            in.skip(3);
            return StandardCharsets.UTF_8;
        }
        if (first == 0xFF && second == 0xFE) {
            in.skip(2);
            return StandardCharsets.UTF_16LE;
        }
        if (first == 0xFE && second == 0xFF) {
            in.skip(2);
            return StandardCharsets.UTF_16BE;
        }
        if (first == '<' && second == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    /** Parses an EVTX SystemTime such as {@code 2021-12-04T21:19:16.7611230Z}, else null. */
    static Instant parseSystemTime(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
