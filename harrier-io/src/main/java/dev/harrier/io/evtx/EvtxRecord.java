package dev.harrier.io.evtx;

import java.util.List;

/**
 * One parsed event record: the header fields and the record's binary XML as nodes.
 *
 * @param recordId the EventRecordID from the record header
 * @param writtenTime the FILETIME from the record header, when the record was written
 * @param fileOffset the offset of the record in its file
 * @param nodes the record's binary XML, usually one {@link BinXmlNode.TemplateInstance}
 */
record EvtxRecord(long recordId, long writtenTime, long fileOffset, List<BinXmlNode> nodes) {}
