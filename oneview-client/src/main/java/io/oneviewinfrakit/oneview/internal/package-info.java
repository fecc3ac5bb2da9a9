/**
 * Not API: the wire records Moshi binds OneView documents to. Anything here may change in any
 * release; depend on {@code io.oneviewinfrakit.oneview} instead.
 */
package io.oneviewinfrakit.oneview.internal;
