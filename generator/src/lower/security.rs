//! Security: the schemes of `components.securitySchemes` and the requirements each operation states.

use openapiv3::ReferenceOr;

use super::Lowerer;
use crate::diagnostics::pointer_join;
use crate::ir::{ParameterLocation, SecurityScheme, SecuritySchemeKind};

impl<'a> Lowerer<'a> {
    /// Reads every security scheme. A scheme the client cannot send is kept (the changelog sees it) with a warning.
    pub(super) fn lower_security_schemes(&mut self) {
        let Some(components) = &self.document.components else {
            return;
        };
        for (name, scheme) in &components.security_schemes {
            let pointer = pointer_join("#/components/securitySchemes", &[name]);
            let kind = match scheme {
                ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. }) => {
                    match scheme.to_ascii_lowercase().as_str() {
                        "bearer" => SecuritySchemeKind::Bearer,
                        "basic" => SecuritySchemeKind::Basic,
                        _ => SecuritySchemeKind::Unsupported {
                            description: format!("HTTP {scheme}"),
                        },
                    }
                }
                ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { .. })
                | ReferenceOr::Item(openapiv3::SecurityScheme::OpenIDConnect { .. }) => {
                    SecuritySchemeKind::OAuth2
                }
                ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { location, name, .. }) => {
                    SecuritySchemeKind::ApiKey {
                        location: match location {
                            openapiv3::APIKeyLocation::Query => ParameterLocation::Query,
                            openapiv3::APIKeyLocation::Header => ParameterLocation::Header,
                            openapiv3::APIKeyLocation::Cookie => ParameterLocation::Cookie,
                        },
                        name: name.clone(),
                    }
                }
                ReferenceOr::Reference { reference } => SecuritySchemeKind::Unsupported {
                    description: format!("reference {reference}"),
                },
            };
            if let SecuritySchemeKind::Unsupported { description } = &kind {
                self.warn(&pointer, format!("security scheme {description} cannot be sent by the client; pass credentials as default headers"));
            }
            self.security_schemes.push(SecurityScheme {
                name: name.clone(),
                kind,
            });
        }
    }

    /// The security requirements of an operation: its own, or the document's when it states none. A scheme that
    /// is not declared gets a warning, since no credential can be sent for it.
    ///
    /// A document that defines schemes but requires none, for an operation that says nothing of its own, is
    /// usually one whose server checks credentials anyway (Airflow 2's document has `security: []`): such an
    /// operation sends whatever the user configured, and the document gets a warning.
    pub(super) fn operation_security(
        &mut self,
        operation: &openapiv3::Operation,
        pointer: &str,
    ) -> Vec<Vec<String>> {
        let document_requires_none = self
            .document
            .security
            .as_ref()
            .is_none_or(|requirements| requirements.is_empty());
        if operation.security.is_none()
            && document_requires_none
            && !self.security_schemes.is_empty()
        {
            if !self.open_security_warned {
                self.open_security_warned = true;
                let names: Vec<String> = self
                    .security_schemes
                    .iter()
                    .map(|scheme| format!("`{}`", scheme.name))
                    .collect();
                self.warn(
                    "#/security",
                    format!(
                        "the document defines the security schemes {} but requires none; operations without a `security` of their own send the credentials the user configures (of the first scheme that has them), and nothing otherwise",
                        names.join(", ")
                    ),
                );
            }
            let mut alternatives: Vec<Vec<String>> = self
                .security_schemes
                .iter()
                .map(|scheme| vec![scheme.name.clone()])
                .collect();
            alternatives.push(Vec::new());
            return alternatives;
        }
        let requirements = operation
            .security
            .as_ref()
            .or(self.document.security.as_ref());
        let security: Vec<Vec<String>> = requirements
            .map(|requirements| {
                requirements
                    .iter()
                    .map(|requirement| requirement.keys().cloned().collect())
                    .collect()
            })
            .unwrap_or_default();
        for scheme in security.iter().flatten() {
            if !self
                .security_schemes
                .iter()
                .any(|known| &known.name == scheme)
            {
                self.warn(
                    &pointer_join(pointer, &["security"]),
                    format!("security scheme `{scheme}` is not declared under components/securitySchemes; no credential is sent for it"),
                );
            }
        }
        security
    }
}
