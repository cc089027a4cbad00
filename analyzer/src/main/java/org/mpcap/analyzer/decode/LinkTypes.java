package org.mpcap.analyzer.decode;

/**
 * The one table of link-type names (the {@code LINKTYPE_*} names of tcpdump.org/linktypes.html), used by every
 * output that shows a capture's link types, so a PPP capture reads {@code PPP (9)} everywhere. Link types the
 * decoder reads are all named; any other shows its number (habit: unknown is kept, not an error).
 */
public final class LinkTypes {
    private LinkTypes() {}

    /** The LINKTYPE_ name ({@code "LINUX_SLL2"}), or null for a link type not in the table. */
    public static String name(int linkType) {
        return switch (linkType) {
            case PacketDecoder.LINKTYPE_NULL -> "NULL";
            case PacketDecoder.LINKTYPE_ETHERNET -> "ETHERNET";
            case PacketDecoder.LINKTYPE_PPP -> "PPP";
            case PacketDecoder.DLT_RAW_12, PacketDecoder.DLT_RAW_14, PacketDecoder.LINKTYPE_RAW -> "RAW";
            case PacketDecoder.LINKTYPE_PPP_HDLC -> "PPP_HDLC";
            case PacketDecoder.LINKTYPE_LOOP -> "LOOP";
            case PacketDecoder.LINKTYPE_LINUX_SLL -> "LINUX_SLL";
            case PacketDecoder.LINKTYPE_IPV4 -> "IPV4";
            case PacketDecoder.LINKTYPE_IPV6 -> "IPV6";
            case PacketDecoder.LINKTYPE_LINUX_SLL2 -> "LINUX_SLL2";
            default -> null;
        };
    }

    /** {@code "NAME (number)"}, or the number alone for a link type not in the table. */
    public static String describe(int linkType) {
        String n = name(linkType);
        return n == null ? Integer.toString(linkType) : n + " (" + linkType + ")";
    }
}
