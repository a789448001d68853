//! Parameters: those of the path item and the operation merged, each lowered to a typed parameter, and the path
//! template split into literal and parameter segments.

use openapiv3::ReferenceOr;

use super::defaults::default_problem;
use super::operation::OperationSite;
use super::refs::Target;
use super::{prose, Lowerer};
use crate::diagnostics::{pointer_join, Diagnostic};
use crate::ir::{
    Constraints, Parameter, ParameterLocation, PathSegment, Primitive, QueryStyle, TypeRef,
};
use crate::naming::{camel_name, snake_name, Namespace};

impl<'a> Lowerer<'a> {
    /// The operation's parameters: the path item's and its own, where its own override one with the same name and
    /// location. Each takes a name from `parameter_names`.
    pub(super) fn lower_parameters(
        &mut self,
        site: &OperationSite<'_>,
        parameter_names: &mut Namespace,
    ) -> Vec<Parameter> {
        // Operation parameters override path-item parameters with the same name and location.
        let mut declared: Vec<(Target<openapiv3::Parameter>, String)> = Vec::new();
        let pointer = site.pointer.as_str();
        let path_pointer = pointer
            .rsplit_once('/')
            .map_or(pointer, |(parent, _)| parent);
        let path_level = site.item.parameters.iter().enumerate().map(|(i, p)| {
            (
                p,
                pointer_join(path_pointer, &["parameters", &i.to_string()]),
            )
        });
        let operation_level = site
            .operation
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (p, pointer_join(pointer, &["parameters", &i.to_string()])));
        for (parameter, parameter_pointer) in path_level.chain(operation_level) {
            let Some(parameter) = self.resolve(parameter, "parameters", &parameter_pointer) else {
                continue;
            };
            let (name, location) = (
                &parameter.parameter_data_ref().name,
                location_of(&parameter),
            );
            declared.retain(|(existing, _)| {
                existing.parameter_data_ref().name != *name || location_of(existing) != location
            });
            declared.push((parameter, parameter_pointer));
        }

        let mut parameters = Vec::with_capacity(declared.len());
        for (parameter, parameter_pointer) in &declared {
            let data = parameter.parameter_data_ref();
            let location = location_of(parameter);
            let rust_name = parameter_names.claim(&snake_name(&data.name));
            let hint = format!("{}{}", site.stem, camel_name(&data.name));
            let (ty, default) = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                    let default = match schema {
                        ReferenceOr::Item(schema) => {
                            schema.schema_data.default.as_ref().and_then(|value| {
                                let Some(problem) = default_problem(schema, value) else {
                                    return Some(value.to_string());
                                };
                                self.warn(
                                    &pointer_join(parameter_pointer, &["schema", "default"]),
                                    format!("{problem}; it is left out of the documentation"),
                                );
                                None
                            })
                        }
                        ReferenceOr::Reference { .. } => None,
                    };
                    (
                        self.lower_schema(
                            schema,
                            &hint,
                            &pointer_join(parameter_pointer, &["schema"]),
                        ),
                        default,
                    )
                }
                openapiv3::ParameterSchemaOrContent::Content(_) => {
                    self.warn(
                        parameter_pointer,
                        "parameters declared with `content` are sent as JSON text",
                    );
                    (TypeRef::Primitive(Primitive::Json), None)
                }
            };
            // A path segment is text: a path parameter whose schema states no type (FastAPI writes
            // `{title: Dag Id}` for an unannotated argument) takes a string, not any JSON value.
            let ty = match ty {
                TypeRef::Primitive(Primitive::Json) if location == ParameterLocation::Path => {
                    TypeRef::Primitive(Primitive::String)
                }
                ty => ty,
            };
            let explode = data.explode.unwrap_or(true);
            let style = match &**parameter {
                openapiv3::Parameter::Query { style, .. } => match style {
                    openapiv3::QueryStyle::Form => QueryStyle::Form { explode },
                    openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                    openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                    openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
                },
                _ => QueryStyle::Form { explode: true },
            };
            let constraints = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                    self.schema_constraints(schema)
                }
                openapiv3::ParameterSchemaOrContent::Content(_) => Constraints::default(),
            };
            parameters.push(Parameter {
                style,
                constraints,
                rust_name,
                wire_name: data.name.clone(),
                location,
                required: data.required || location == ParameterLocation::Path,
                ty,
                doc: prose(data.description.as_ref()),
                default,
            });
        }
        parameters
    }

    /// Splits a path template into literal and parameter segments. A `{name}` with no declared path parameter gets
    /// a required string parameter (with a warning), and a declared path parameter the template does not use is
    /// dropped (with a warning): both are common slips in real documents, and the path itself is the truth.
    pub(super) fn parse_path(
        &mut self,
        path: &str,
        parameters: &mut Vec<Parameter>,
        parameter_names: &mut Namespace,
        pointer: &str,
    ) -> Option<Vec<PathSegment>> {
        enum Piece<'p> {
            Literal(&'p str),
            Variable(&'p str),
        }
        if !path.starts_with('/') {
            self.error(
                pointer,
                format!("path `{path}` does not start with `/`; every path is relative to the server URL and starts with one"),
            );
            return None;
        }
        let mut pieces = Vec::new();
        let mut rest = path;
        while !rest.is_empty() {
            let Some(open) = rest.find('{') else {
                if rest.contains('}') {
                    self.error(
                        pointer,
                        format!("path `{path}` has a `}}` without a matching `{{`"),
                    );
                    return None;
                }
                pieces.push(Piece::Literal(rest));
                break;
            };
            if rest[..open].contains('}') {
                self.error(
                    pointer,
                    format!("path `{path}` has a `}}` without a matching `{{`"),
                );
                return None;
            }
            if open > 0 {
                pieces.push(Piece::Literal(&rest[..open]));
            }
            let Some(close) = rest[open..].find('}') else {
                self.error(pointer, format!("path `{path}` has an unclosed `{{`"));
                return None;
            };
            let name = &rest[open + 1..open + close];
            if name.is_empty() || name.contains('{') {
                self.error(
                    pointer,
                    format!("path `{path}` has a parameter without a valid name"),
                );
                return None;
            }
            pieces.push(Piece::Variable(name));
            rest = &rest[open + close + 1..];
        }

        let used: Vec<&str> = pieces
            .iter()
            .filter_map(|p| {
                if let Piece::Variable(n) = p {
                    Some(*n)
                } else {
                    None
                }
            })
            .collect();
        parameters.retain(|parameter| {
            let unused = parameter.location == ParameterLocation::Path
                && !used.contains(&parameter.wire_name.as_str());
            if unused {
                self.diagnostics.push(Diagnostic::warning(
                    pointer,
                    format!(
                        "path parameter `{}` does not appear in the path `{path}`; it is left out",
                        parameter.wire_name
                    ),
                ));
            }
            !unused
        });
        let mut segments = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                Piece::Literal(text) => segments.push(PathSegment::Literal(text.to_owned())),
                Piece::Variable(name) => {
                    let index = match parameters
                        .iter()
                        .position(|p| p.location == ParameterLocation::Path && p.wire_name == name)
                    {
                        Some(index) => index,
                        None => {
                            self.warn(pointer, format!("path `{path}` uses `{{{name}}}`, which is not declared; it is taken as a required string"));
                            parameters.push(Parameter {
                                rust_name: parameter_names.claim(&snake_name(name)),
                                wire_name: name.to_owned(),
                                location: ParameterLocation::Path,
                                required: true,
                                ty: TypeRef::Primitive(Primitive::String),
                                doc: None,
                                default: None,
                                style: QueryStyle::Form { explode: true },
                                constraints: Constraints::default(),
                            });
                            parameters.len() - 1
                        }
                    };
                    segments.push(PathSegment::Parameter(index));
                }
            }
        }
        Some(segments)
    }
}

fn location_of(parameter: &openapiv3::Parameter) -> ParameterLocation {
    match parameter {
        openapiv3::Parameter::Path { .. } => ParameterLocation::Path,
        openapiv3::Parameter::Query { .. } => ParameterLocation::Query,
        openapiv3::Parameter::Header { .. } => ParameterLocation::Header,
        openapiv3::Parameter::Cookie { .. } => ParameterLocation::Cookie,
    }
}
