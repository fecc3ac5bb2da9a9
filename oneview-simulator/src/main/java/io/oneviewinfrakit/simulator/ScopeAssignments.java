package io.oneviewinfrakit.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which scopes each resource belongs to. OneView keeps the membership on the scope side (resources
 * only point at {@code /rest/scopes/resources/<uri>}), so it lives here rather than in the resource
 * documents. Not thread-safe; guarded by the appliance lock.
 */
final class ScopeAssignments {
  private final Map<String, Set<String>> scopesOf = new LinkedHashMap<>();

  void add(String resourceUri, String scopeUri) {
    scopesOf.computeIfAbsent(resourceUri, k -> new LinkedHashSet<>()).add(scopeUri);
  }

  void remove(String resourceUri, String scopeUri) {
    Set<String> scopes = scopesOf.get(resourceUri);
    if (scopes != null) {
      scopes.remove(scopeUri);
      if (scopes.isEmpty()) {
        scopesOf.remove(resourceUri);
      }
    }
  }

  /** The scopes of {@code resourceUri}, in the order it joined them. */
  List<String> of(String resourceUri) {
    Set<String> scopes = scopesOf.get(resourceUri);
    return scopes == null ? List.of() : List.copyOf(scopes);
  }

  /** Replaces the scopes of {@code resourceUri}. */
  void set(String resourceUri, Collection<String> scopeUris) {
    scopesOf.remove(resourceUri);
    scopeUris.forEach(s -> add(resourceUri, s));
  }

  boolean inAny(String resourceUri, Collection<String> scopeUris) {
    Set<String> scopes = scopesOf.get(resourceUri);
    if (scopes == null) {
      return false;
    }
    for (String s : scopeUris) {
      if (scopes.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** Forgets a deleted scope: no resource belongs to it any more. */
  void removeScope(String scopeUri) {
    for (String resource : new ArrayList<>(scopesOf.keySet())) {
      remove(resource, scopeUri);
    }
  }

  /** The resources in {@code scopeUri}. */
  List<String> members(String scopeUri) {
    List<String> out = new ArrayList<>();
    scopesOf.forEach((resource, scopes) -> {
      if (scopes.contains(scopeUri)) {
        out.add(resource);
      }
    });
    return out;
  }

  void clear() {
    scopesOf.clear();
  }
}
