package io.oneviewinfrakit.oneview;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders names the way a person reads them: runs of digits compare as numbers, so "Encl1, bay 2"
 * comes before "Encl1, bay 10" (plain string order puts it after). Ties fall back to string order,
 * so the order is total and stable ("bay 02" and "bay 2" differ).
 */
final class NaturalOrder implements Comparator<String> {
  static final NaturalOrder INSTANCE = new NaturalOrder();

  private static final String BOUNDARY = "(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)";

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    String[] x = a.split(BOUNDARY);
    String[] y = b.split(BOUNDARY);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean numbers = !x[i].isEmpty() && !y[i].isEmpty()
          && Character.isDigit(x[i].charAt(0)) && Character.isDigit(y[i].charAt(0));
      int c = numbers ? new BigInteger(x[i]).compareTo(new BigInteger(y[i])) : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    int c = Integer.compare(x.length, y.length);
    return c != 0 ? c : a.compareTo(b);
  }
}
