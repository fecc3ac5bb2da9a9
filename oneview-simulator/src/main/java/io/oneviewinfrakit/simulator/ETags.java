package io.oneviewinfrakit.simulator;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Gives documents their eTags, in the format of each resource as captured from appliances, and
 * checks the eTag an update sends against the current one. Call under the appliance's lock.
 */
final class ETags {
  private final Clock clock;
  private long revision;
  private long lastHardwareETag;

  ETags(Clock clock) {
    this.clock = clock;
  }

  /** A changed document: a new eTag and modified time. */
  void bump(Map<String, Object> doc) {
    doc.put("eTag", eTag(doc));
    doc.put("modified", Ids.timestamp(clock.instant()));
  }

  String eTag() {
    return clock.millis() + "/" + (++revision);
  }

  /**
   * The eTag format of the document's resource, as captured from appliances: server hardware
   * carries bare epoch milliseconds ({@code "1455803026048"}, python-oneviewclient fixtures),
   * profiles, templates and the rest {@code "<millis>/<revision>"} (oneview-sdk-java fixtures).
   * Hardware eTags still change on every change: at least one more than the last one given.
   */
  String eTag(Map<String, Object> doc) {
    if ("server-hardware".equals(doc.get("category"))) {
      lastHardwareETag = Math.max(clock.millis(), lastHardwareETag + 1);
      return Long.toString(lastHardwareETag);
    }
    return eTag();
  }

  /** A PUT of {@code body} to {@code current}: it may not name another uri, and its eTag must be current. */
  static void requireUpdateOf(ApiRequest r, Map<String, Object> body, Map<String, Object> current) {
    String uri = (String) current.get("uri");
    if (body.get("uri") != null && !uri.equals(body.get("uri"))) {
      throw SimulatorException.badRequest("INVALID_URI", "The body uri does not match " + uri + ".");
    }
    requireCurrentETag(r, body, current);
  }

  static void requireCurrentETag(ApiRequest r, Map<String, Object> body, Map<String, Object> current) {
    String ifMatch = r.header("If-Match");
    String sent = ifMatch != null ? unquote(ifMatch) : Appliance.string(body.get("eTag"));
    if ("*".equals(sent)) {
      return;
    }
    if (sent == null || !sent.equals(current.get("eTag"))) {
      throw new SimulatorException(412, "ETAG_MISMATCH",
          "The resource was changed since it was read (eTag " + sent + ", current "
              + current.get("eTag") + ").",
          "Send the current eTag in If-Match or in the body, or If-Match: * to force.",
          List.of("Get the resource again and retry the update."));
    }
  }

  static String unquote(String s) {
    String t = s.trim();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
