package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the handlers of one resource family share: the appliance's state and helpers, initial
 * scopes of a create, and delete-by-filter. Called under the appliance lock.
 */
abstract class ResourceHandler implements Appliance.RestExtension {
  final Appliance a;

  ResourceHandler(Appliance a) {
    this.a = a;
  }

  /**
   * The {@code initialScopeUris} of a create body (API 300 and later), each an existing scope; a
   * URI that names none is 400, as for any body URI.
   */
  List<String> initialScopes(Map<String, Object> body) {
    return a.initialScopes(body);
  }

  /**
   * The outcome of a create whose {@code name} is held in {@code pendingNames} while its task runs:
   * once the task completes the document is stamped, stored and put in its initial {@code scopes};
   * either way the name stops being pending.
   */
  Tasks.Outcome creation(Set<String> pendingNames, String name, Map<String, Object> doc, Store store,
      List<String> scopes) {
    return new Tasks.Outcome() {
      @Override
      public void completed() {
        pendingNames.remove(name);
        stamp(doc);
        store.put(doc);
        scopes.forEach(s -> a.scopes.add((String) doc.get("uri"), s));
      }

      @Override
      public void failed() {
        pendingNames.remove(name);
      }
    };
  }

  /**
   * The name in the body of a create ({@code selfUri} null) or of an update of {@code selfUri}:
   * 400 INVALID_NAME when missing, 409 DUPLICATE_NAME when another document of {@code store} has it
   * or a create still running holds it. {@code what} names the resource in the messages ("server
   * profile template"), {@code kind} in the uniqueness rule ("Server profile template").
   */
  String uniqueName(Map<String, Object> body, String selfUri, Store store, Set<String> pendingNames,
      String what, String kind) {
    String name = Appliance.string(body.get("name"));
    if (name == null || name.isBlank()) {
      throw SimulatorException.badRequest("INVALID_NAME", "A " + what + " name is required.");
    }
    Map<String, Object> other = store.exactlyNamed(name);
    if (other != null && !other.get("uri").equals(selfUri) || selfUri == null && pendingNames.contains(name)) {
      throw new SimulatorException(409, "DUPLICATE_NAME", "A " + what + " named " + name + " already exists.",
          kind + " names must be unique.", List.of("Choose a different name."));
    }
    return name;
  }

  /** Stamps a new document: uri-independent metadata a create gives it. */
  void stamp(Map<String, Object> doc) {
    String now = Ids.timestamp(a.clock().instant());
    doc.put("created", now);
    doc.put("modified", now);
    doc.put("eTag", a.eTags().eTag());
  }
}
