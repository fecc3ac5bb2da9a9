package io.oneviewinfrakit.oneview;

import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Query;
import retrofit2.http.Url;

/**
 * The OneView REST endpoints this SDK calls. Resource URIs come from the appliance (such as {@code
 * /rest/server-hardware/{id}}), so most methods take a {@link Url}. Changes answer {@link
 * ResponseBody} because a 202 may come with or without a task body.
 */
interface OneViewApi {
  @GET("rest/version")
  Call<Map<String, Object>> version();

  @POST("rest/login-sessions")
  Call<Map<String, Object>> login(@Header("X-API-Version") int apiVersion, @Body Map<String, Object> body);

  @DELETE("rest/login-sessions")
  Call<Void> logout(@Header("X-API-Version") int apiVersion, @Header("auth") String token);

  @GET
  Call<Map<String, Object>> get(@Url String uri);

  /** A GET whose answer may be other than a JSON object (the CA below API 600 is a JSON string). */
  @GET
  Call<ResponseBody> getRaw(@Url String uri, @Header("If-Req-CertDetails") String certDetails,
      @Query("filter") String filter);

  /** A page of a collection; {@link Page#read} reads it without an intermediate tree. */
  @GET
  Call<ResponseBody> list(
      @Url String uri,
      @Query("filter") List<String> filters,
      @Query("sort") String sort,
      @Query("start") Integer start,
      @Query("count") Integer count);

  /** The page a {@code nextPageUri} names. */
  @GET
  Call<ResponseBody> page(@Url String uri);

  /** A task listing selected by the {@code query} parameter, such as {@code "uri IN ('…','…')"}. */
  @GET
  Call<Map<String, Object>> listTasks(@Url String uri, @Query("query") String query, @Query("count") Integer count);

  @POST
  Call<ResponseBody> post(@Url String uri, @Body Map<String, Object> body);

  @PUT
  Call<ResponseBody> put(@Url String uri, @Header("If-Match") String ifMatch, @Body Map<String, Object> body);

  /** {@code body} carries its own media type: JSON Patch needs {@code application/json-patch+json}. */
  @PATCH
  Call<ResponseBody> patch(@Url String uri, @Body RequestBody body);

  @DELETE
  Call<ResponseBody> delete(@Url String uri, @Query("force") Boolean force);

  /** A DELETE on a version of the resource: {@code ifMatch} its eTag, or {@code *} for any. */
  @DELETE
  Call<ResponseBody> delete(@Url String uri, @Header("If-Match") String ifMatch, @Query("force") Boolean force);

  /** The session's idle timeout in milliseconds; the session is named by {@code Session-ID}, not {@code auth}. */
  @GET("rest/sessions/idle-timeout")
  Call<Map<String, Object>> idleTimeout(@Header("Session-ID") String sessionId);

  @POST("rest/sessions/idle-timeout")
  Call<ResponseBody> setIdleTimeout(@Header("Session-ID") String sessionId, @Body Map<String, Object> body);
}
