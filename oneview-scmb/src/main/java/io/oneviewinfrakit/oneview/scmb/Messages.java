package io.oneviewinfrakit.oneview.scmb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns SCMB message bodies into {@link ChangeEvent}s. Stateless. */
final class Messages {
  private Messages() {}

  @SuppressWarnings("unchecked")
  static ChangeEvent event(String routingKey, byte[] body) throws IOException {
    if (!(TreeJson.parse(body) instanceof Map<?, ?> map)) throw new IOException("the body is not a JSON object");
    Map<String, Object> m = (Map<String, Object>) map;
    Map<String, Object> resource = m.get("resource") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
    String uri = string(m.get("resourceUri"));
    if (uri == null) uri = string(resource.get("uri"));
    if (uri == null) throw new IOException("no resourceUri");
    String category = category(routingKey);
    if (category == null) category = string(resource.get("category"));
    List<String> changed = new ArrayList<>();
    if (m.get("changedAttributes") instanceof List<?> list) {
      for (Object o : list) {
        if (o != null) changed.add(o.toString());
      }
    }
    Object initiated = m.get("userInitiatedTask");
    return new ChangeEvent(routingKey, category, uri, ChangeType.of(string(m.get("changeType"))),
        string(m.get("eTag")), string(m.get("newState")), string(m.get("newSubState")),
        string(m.get("timestamp")), resource, string(m.get("associatedTask")),
        Boolean.TRUE.equals(initiated) || "true".equalsIgnoreCase(String.valueOf(initiated)), changed);
  }

  /** The second word of {@code scmb.<category>.<ChangeType>.<uri>}, or null. */
  static String category(String routingKey) {
    if (routingKey == null || !routingKey.startsWith("scmb.")) return null;
    String rest = routingKey.substring(5);
    int dot = rest.indexOf('.');
    String c = dot < 0 ? rest : rest.substring(0, dot);
    return c.isEmpty() ? null : c;
  }

  private static String string(Object o) {
    return o == null ? null : o.toString();
  }
}
