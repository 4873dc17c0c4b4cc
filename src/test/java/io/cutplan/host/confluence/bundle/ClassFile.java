package io.cutplan.host.confluence.bundle;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The few facts of a class file the bundle tests need, read without loading the class (the 9.2 jar's classes
 * reference javax APIs the test JVM does not have): its super class, its interfaces and every class name its
 * constant pool references.
 */
public record ClassFile(String name, String superName, List<String> interfaces, List<String> utf8, List<MemberRef> members) {

    /** A field or method this class uses: owner (internal name), name and JVM descriptor. */
    public record MemberRef(String owner, String name, String descriptor, boolean field) {
    }

    public static ClassFile parse(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf = new String[count];
            int[] classIndex = new int[count];
            int[] refClass = new int[count];
            int[] refNameType = new int[count];
            int[] refTag = new int[count];
            int[] ntName = new int[count];
            int[] ntDesc = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf[i] = in.readUTF();
                    case 7 -> classIndex[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 9, 10, 11 -> {
                        refTag[i] = tag;
                        refClass[i] = in.readUnsignedShort();
                        refNameType[i] = in.readUnsignedShort();
                    }
                    case 12 -> {
                        ntName[i] = in.readUnsignedShort();
                        ntDesc[i] = in.readUnsignedShort();
                    }
                    case 3, 4, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IllegalArgumentException("constant pool tag " + tag);
                }
            }
            in.readUnsignedShort();
            String name = utf[classIndex[in.readUnsignedShort()]];
            int superIdx = in.readUnsignedShort();
            String superName = superIdx == 0 ? null : utf[classIndex[superIdx]];
            int n = in.readUnsignedShort();
            List<String> interfaces = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                interfaces.add(utf[classIndex[in.readUnsignedShort()]]);
            }
            List<String> strings = new ArrayList<>();
            for (String s : utf) {
                if (s != null) {
                    strings.add(s);
                }
            }
            List<MemberRef> members = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                if (refTag[i] != 0) {
                    int nt = refNameType[i];
                    members.add(new MemberRef(utf[classIndex[refClass[i]]], utf[ntName[nt]], utf[ntDesc[nt]], refTag[i] == 9));
                }
            }
            return new ClassFile(name, superName, interfaces, strings, members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any constant (class name, descriptor, signature, string) mentions the given internal-name prefix. */
    public boolean mentions(String internalPrefix) {
        return utf8.stream().anyMatch(s -> s.contains(internalPrefix));
    }
}
