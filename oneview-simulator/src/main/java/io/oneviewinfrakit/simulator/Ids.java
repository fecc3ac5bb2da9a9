package io.oneviewinfrakit.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/** Resource ids from a seeded random source (deterministic runs) and OneView timestamps. */
final class Ids {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private final Random random;
  private long macCounter;
  private long serialCounter;

  Ids(long seed) {
    this.random = new Random(seed ^ 0x5DEECE66DL);
  }

  String uuid() {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  String upperUuid() {
    return uuid().toUpperCase(Locale.ROOT);
  }

  /** A virtual MAC from OneView's default pool shape. */
  String virtualMac() {
    long n = ++macCounter;
    return String.format("9A:A0:22:%02X:%02X:%02X", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  }

  String virtualSerial() {
    return String.format("VCGU6DA%03d", ++serialCounter);
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }
}
