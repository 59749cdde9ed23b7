/**
 * The JWT samples of the Istio release tree (security/tools/jwt/samples), as meshdojo serves them. They are
 * OUR OWN: a key pair this course generated once (its private half is public test material, in
 * src/mesh/testing/jwt-sample-key.ts) and tokens signed with it whose payloads are exactly what the task
 * pages print when they decode `demo.jwt` and `groups-scope.jwt`. The JWKS is its public half.
 */
export const SAMPLE_JWKS =
  '{ "keys":[ {"e":"AQAB","kid":"Ft2rBbFjdVRMr_BI4kDWCiSuGuAY0wK4U98VOtaJpNY","kty":"RSA","n":"rGDWZiwAlnuxGJPYHadQB3UbP_gntXMcA4frsfxmo0tmbflVS3k4s5oA4NifiV98FPY2J01kWkyHZDrM5xHKdF1GH-5RlpFXMQ9Uq6PEAAuGErDn6eaASFFSDl8E15_OTcTwYWuNg1NRrJZJfuTkpQy1aM-hL4naXfykhaCHQHCRp8tkiNL8wGFNjFeXHM3MTV5HJwOLl2oi6khQlqQtC40XFSQFjkxKM-tt3wl-emSA1TKapNtyAkC7DPbxwsSXjA-St_FRIEQfxYRuAKsS-jcwTeSCAZiXzvBDRwMlM0_-3206FN57J965ReJNOEc3OagY1S_LumAjU47KcTbtrw"}]}\n';

/** iss = sub = testing@secure.istio.io, foo: bar, expires in 2118. */
export const SAMPLE_DEMO_JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IkZ0MnJCYkZqZFZSTXJfQkk0a0RXQ2lTdUd1QVkwd0s0VTk4Vk90YUpwTlkiLCJ0eXAiOiJKV1QifQ.eyJleHAiOjQ2ODU5ODk3MDAsImZvbyI6ImJhciIsImlhdCI6MTUzMjM4OTcwMCwiaXNzIjoidGVzdGluZ0BzZWN1cmUuaXN0aW8uaW8iLCJzdWIiOiJ0ZXN0aW5nQHNlY3VyZS5pc3Rpby5pbyJ9.VfBajJd4Bnt7bX3Dql9l3EGcgvbXn-1q4j3C6C3jixHbJprRNuMho9bFw1s95_78_Gm2fOjyl5VUammYlWsxyxQVw8aMCpZywoRFTNvXNwCrcN_RiIVLdkZezPSDK0zXJzMlvc_2dB88QFzHX5xy6RTeovQWl8gINYCPIIiIyElob8yBnb-Rz5l_tTRNsk6GiiGJRuz1u6NgqwbXA3B4gJKAq6foEaosGX9_3hXr__GmxFbpamrqcDu6tZEmp7PtrPGGFKoCgBs66uHXr-yqGCfOHtMgs3w2LGr5hnERAP5EcGv_izj6E-pgkVU9fTG05ZnJZmXeKXJ9Caprq1N-sw\n';

/** The same issuer and subject, with list claims: groups [group1, group2] and scope [scope1, scope2]. */
export const SAMPLE_GROUPS_SCOPE_JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IkZ0MnJCYkZqZFZSTXJfQkk0a0RXQ2lTdUd1QVkwd0s0VTk4Vk90YUpwTlkiLCJ0eXAiOiJKV1QifQ.eyJleHAiOjM1MzczOTExMDQsImdyb3VwcyI6WyJncm91cDEiLCJncm91cDIiXSwiaWF0IjoxNTM3MzkxMTA0LCJpc3MiOiJ0ZXN0aW5nQHNlY3VyZS5pc3Rpby5pbyIsInNjb3BlIjpbInNjb3BlMSIsInNjb3BlMiJdLCJzdWIiOiJ0ZXN0aW5nQHNlY3VyZS5pc3Rpby5pbyJ9.o7pu5UXQ5NYS7RR_Ej1mIRSOM78a1r9SdHtLk1nczOhj5MDkQeE8VseTVr66uhHLCJGP8zdJizhVOxX9KkD_Fnpfq9Ao4kjnHcznJv6iK7fkl_rN-1KXyqj4mDtJWd2MR5xklArcL7Zg9iXslemfJtV5yBeBCNwj3bdJYuec2UGQ-egrZ__b7_ordBMn7lZnaWAOUkQ21VSkAh4MjMZLTxSVP0k7ZxyzuJwUYjg75ZBLSrokPwx4V2NnSmeR8KkayBa65wnDvi0Vx7VzOXZ0Weo57wzhqpwqSb9fuT6y9gAH0IVQqMPa0ab3ICPucpxkcwoyiHv3JZakISHJx1ho4w\n';
