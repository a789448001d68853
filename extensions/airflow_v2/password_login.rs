//! Self-hosted Airflow: a user name and password exchanged at `/auth/token` for a JWT, refreshed before it
//! expires.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::Client;
use crate::runtime::{self, Secret, TokenError, TokenFuture, TokenProvider};

/// How long before its expiry a token is replaced, so that a request never goes out with one about to lapse.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);
/// How long a token whose expiry cannot be read is used before a new one is asked for.
const UNKNOWN_LIFETIME: Duration = Duration::from_secs(300);

impl Client {
    /// A client for a self-hosted Airflow at `base_url` (the address that `/api/v2/...` goes below) that logs in
    /// with a user name and password at `/auth/token` (Airflow's simple and FAB auth managers) and logs in again
    /// shortly before the token expires. The password is never printed, not even by `Debug`.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let airflow = astro_client::airflow::v2::Client::with_password("http://localhost:8080", "admin", "admin")?;
    /// let version = airflow.get_version().send().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_password(
        base_url: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Result<Self, runtime::Error> {
        let base_url = base_url.into();
        let login = PasswordLogin::new(&base_url, username.into(), Secret::new(password))?;
        Self::with_config(
            runtime::Config::new()
                .base_url(base_url)
                .token_provider(login),
        )
    }
}

/// A [`TokenProvider`] that logs in at Airflow's `/auth/token` and caches the JWT until shortly before it
/// expires.
#[derive(Clone)]
pub struct PasswordLogin {
    http: reqwest::Client,
    token_url: String,
    username: String,
    password: Secret,
    cached: Arc<Mutex<Option<(Secret, SystemTime)>>>,
}

impl fmt::Debug for PasswordLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordLogin")
            .field("token_url", &self.token_url)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl PasswordLogin {
    /// A login for the Airflow at `base_url`.
    pub fn new(
        base_url: &str,
        username: String,
        password: Secret,
    ) -> Result<Self, runtime::InvalidRequest> {
        let token_url = format!("{}/auth/token", base_url.trim_end_matches('/'));
        reqwest::Url::parse(&token_url).map_err(|error| {
            runtime::InvalidRequest::new(format!(
                "`{base_url}` is not a valid base URL for Airflow: {error}"
            ))
        })?;
        Ok(Self {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .map_err(|error| runtime::InvalidRequest::new(error.to_string()))?,
            token_url,
            username,
            password,
            cached: Arc::new(Mutex::new(None)),
        })
    }

    async fn log_in(&self) -> Result<String, TokenError> {
        let body =
            serde_json::json!({"username": self.username, "password": self.password.expose()});
        let response = self
            .http
            .post(&self.token_url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(&body)?)
            .send()
            .await?;
        let status = response.status();
        if !status.is_success() {
            let text = response.text().await.unwrap_or_default();
            let excerpt: String = text.chars().take(200).collect();
            return Err(format!(
                "logging in at {} as `{}` failed with {status}: {}",
                self.token_url,
                self.username,
                excerpt.trim()
            )
            .into());
        }
        let answer: serde_json::Value = serde_json::from_slice(&response.bytes().await?)?;
        let token = answer
            .get("access_token")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| format!("{} answered without an `access_token`", self.token_url))?
            .to_owned();
        let expires = token_expiry(&token)
            .unwrap_or_else(|| SystemTime::now() + UNKNOWN_LIFETIME + REFRESH_MARGIN);
        if let Ok(mut cached) = self.cached.lock() {
            *cached = Some((Secret::new(token.clone()), expires));
        }
        Ok(token)
    }
}

impl TokenProvider for PasswordLogin {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            let fresh = self.cached.lock().ok().and_then(|cached| {
                cached.as_ref().and_then(|(token, expires)| {
                    (SystemTime::now() + REFRESH_MARGIN < *expires)
                        .then(|| token.expose().to_owned())
                })
            });
            match fresh {
                Some(token) => Ok(token),
                None => self.log_in().await,
            }
        })
    }
}

/// The `exp` claim of a JWT (read, not verified: the server verifies it), as a time.
fn token_expiry(token: &str) -> Option<SystemTime> {
    use base64::Engine as _;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let seconds = claims.get("exp")?.as_u64()?;
    Some(UNIX_EPOCH + Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expiry_is_read_from_the_token() {
        use base64::Engine as _;
        let claims =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"exp":2000000000}"#);
        let token = format!("header.{claims}.signature");
        assert_eq!(
            token_expiry(&token),
            Some(UNIX_EPOCH + Duration::from_secs(2_000_000_000))
        );
        assert_eq!(token_expiry("not-a-jwt"), None);
    }

    #[test]
    fn debug_prints_no_password() {
        let login =
            PasswordLogin::new("http://127.0.0.1:1", "admin".into(), Secret::new("hunter2"))
                .unwrap();
        assert!(!format!("{login:?}").contains("hunter2"));
    }
}
