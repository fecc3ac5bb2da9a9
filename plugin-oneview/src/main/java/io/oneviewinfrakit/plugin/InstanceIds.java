package io.oneviewinfrakit.plugin;

import com.google.common.io.BaseEncoding;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Instance IDs of this plugin: {@code ov-} followed by 16 lowercase base32 characters (80 random bits).
 *
 * <p>The ID is deliberately not the profile name (names can be edited in OneView) and its shape lets
 * Destroy tell "one of ours that is already gone" (success) from "not one of ours" (refused).
 */
final class InstanceIds {

  static final String PREFIX = "ov-";
  private static final int RANDOM_BYTES = 10; // 80 bits -> exactly 16 base32 characters, no padding
  private static final Pattern SHAPE = Pattern.compile("ov-[a-z2-7]{16}");
  private static final BaseEncoding BASE32 = BaseEncoding.base32().lowerCase().omitPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private InstanceIds() {}

  static String newId() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + BASE32.encode(bytes);
  }

  static boolean hasOurShape(String id) {
    return id != null && SHAPE.matcher(id).matches();
  }
}
