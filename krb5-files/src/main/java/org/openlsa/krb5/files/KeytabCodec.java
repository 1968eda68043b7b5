package org.openlsa.krb5.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openlsa.crypto.SecretBytes;
import org.openlsa.krb5.files.internal.BigEndianReader;
import org.openlsa.krb5.files.internal.BigEndianWriter;

/**
 * The FILE keytab, version 2 (MIT doc/formats/keytab_file_format.rst; the 16-bit counts and key length are what
 * MIT's kt_file.c reads and writes):
 *
 * <pre>
 * file     ::= 0x05 0x02, then records to end of file
 * record   ::= int32 length; length &gt; 0: entry in length bytes; &lt; 0: hole of -length bytes; 0: end
 * entry    ::= uint16 count (excluding realm); data realm; data component[count]; uint32 name_type;
 *              uint32 timestamp; uint8 kvno; uint16 enctype; uint16 key length; key;
 *              [uint32 kvno: when 4 bytes remain in the record and non-zero, it replaces the 8-bit kvno]
 * data     ::= uint16 length; bytes
 * </pre>
 */
final class KeytabCodec {
    private KeytabCodec() {}

    static final int VERSION_1 = 0x0501;
    static final int VERSION_2 = 0x0502;

    static Keytab decode(byte[] file) throws Krb5FileFormatException {
        BigEndianReader r = BigEndianReader.over(file);
        int version = r.u16("keytab version");
        if (version == VERSION_1) {
            throw new Krb5FileFormatException("keytab version 1 (0x0501, native byte order) is not supported; "
                    + "only version 2 (0x0502)");
        }
        if (version != VERSION_2) {
            throw new Krb5FileFormatException(String.format("not a keytab: starts with 0x%04x, not 0x0502", version));
        }
        List<KeytabEntry> entries = new ArrayList<>();
        while (r.remaining() > 0) {
            int at = r.offset();
            long length = r.i32("record length");
            if (length == 0) {
                break;
            }
            if (length < 0) {
                r.skip(-length, "hole at offset " + at);
                continue;
            }
            entries.add(entry(r.slice(length, "record at offset " + at)));
        }
        try {
            return new Keytab(entries);
        } catch (IllegalArgumentException e) {
            throw new Krb5FileFormatException("keytab: " + e.getMessage());
        }
    }

    private static KeytabEntry entry(BigEndianReader r) throws Krb5FileFormatException {
        int count = r.count(r.u16("component count"), 2, "component count");
        String realm = r.utf8(r.u16("realm length"), "realm");
        List<String> components = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            components.add(r.utf8(r.u16("component length"), "component"));
        }
        int nameType = r.i32("name type");
        Instant timestamp = r.time("timestamp");
        int kvno = r.u8("kvno");
        int enctype = r.u16("enctype");
        byte[] key = r.bytes(r.u16("key length"), "key");
        if (r.remaining() >= 4) {
            int kvno32 = r.i32("32-bit kvno");
            if (kvno32 != 0) {
                kvno = kvno32;
            }
        }
        try {
            return new KeytabEntry(new Principal(nameType, components, realm), timestamp, kvno,
                    new KeyBlock(enctype, SecretBytes.adopt(key)));
        } catch (IllegalArgumentException e) {
            Arrays.fill(key, (byte) 0);
            throw new Krb5FileFormatException("keytab entry: " + e.getMessage());
        }
    }

    static byte[] encode(Keytab keytab) {
        BigEndianWriter file = new BigEndianWriter();
        BigEndianWriter entry = new BigEndianWriter();
        try {
            file.u16(VERSION_2);
            for (KeytabEntry e : keytab.entries()) {
                entry.wipe();
                Principal p = e.principal();
                entry.u16(p.components().size());
                data(entry, p.realm());
                for (String c : p.components()) {
                    data(entry, c);
                }
                entry.i32(p.nameType()).time(e.timestamp()).u8(e.kvno()).u16(e.key().enctype());
                byte[] key = e.key().key().copyBytes();
                try {
                    entry.u16(key.length).bytes(key);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
                entry.i32(e.kvno());
                byte[] body = entry.toBytes();
                try {
                    file.i32(body.length).bytes(body);
                } finally {
                    Arrays.fill(body, (byte) 0);
                }
            }
            return file.toBytes();
        } finally {
            file.wipe();
            entry.wipe();
        }
    }

    private static void data(BigEndianWriter w, String s) {
        byte[] b = BigEndianWriter.utf8(s);
        w.u16(b.length).bytes(b);
    }
}
