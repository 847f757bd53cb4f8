# Generated: see __init__.py.
# ruff: noqa
# mypy: ignore-errors
from decimal import Decimal
VERSION = "2.22.3"
import re
import re
from . import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-zA-Z_][a-zA-Z0-9_.-]*$': re.compile('^[a-zA-Z_][a-zA-Z0-9_.-]*$'),
    'uri-reference_re_pattern': re.compile('^(?:[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~$-]*)*(?:#[A-Za-z0-9._~$/-]*)?|/?(?:[A-Za-z0-9._~$-]+/)*[A-Za-z0-9._~$-]*(?:#[A-Za-z0-9._~$/-]*)?)\\Z'),
    'uri_re_pattern': re.compile('^[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~$-]*)*(?:#[A-Za-z0-9._~$/-]*)?\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['description']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string")
            if isinstance(data__description, str):
                data__description_len = len(data__description)
                if data__description_len < 2:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be longer than or equal to 2 characters")
        if "types" in data_keys:
            data_keys.remove("types")
            data__types = data["types"]
            if not isinstance(data__types, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".types must be object")
            data__types_is_dict = isinstance(data__types, dict)
            if data__types_is_dict:
                data__types_keys = set(data__types.keys())
                for data__types_key, data__types_val in data__types.items():
                    if REGEX_PATTERNS['^[a-zA-Z_][a-zA-Z0-9_.-]*$'].search(data__types_key):
                        if data__types_key in data__types_keys:
                            data__types_keys.remove(data__types_key)
                        validate____defs_typelist_subschema(data__types_val, custom_formats, (name_prefix or "data") + ".types.{data__types_key}".format(**locals()))
                if data__types_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".types must not contain "+str(data__types_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_typelist_subschema(data, custom_formats={}, name_prefix=None):
    validate_http___json_schema_org_draft_07_schema(data, custom_formats, (name_prefix or "data") + "")
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'description']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (list, tuple, str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be array or string")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string")
            if isinstance(data__description, str):
                data__description_len = len(data__description)
                if data__description_len < 2:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be longer than or equal to 2 characters")
    return data

def validate_http___json_schema_org_draft_07_schema(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, bool)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or boolean")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "$id" in data_keys:
            data_keys.remove("$id")
            data__id = data["$id"]
            if not isinstance(data__id, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".$id must be string")
            if isinstance(data__id, str):
                if not REGEX_PATTERNS["uri-reference_re_pattern"].match(data__id):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".$id must be uri-reference")
        if "$schema" in data_keys:
            data_keys.remove("$schema")
            data__schema = data["$schema"]
            if not isinstance(data__schema, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".$schema must be string")
            if isinstance(data__schema, str):
                if not REGEX_PATTERNS["uri_re_pattern"].match(data__schema):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".$schema must be uri")
        if "$ref" in data_keys:
            data_keys.remove("$ref")
            data__ref = data["$ref"]
            if not isinstance(data__ref, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".$ref must be string")
            if isinstance(data__ref, str):
                if not REGEX_PATTERNS["uri-reference_re_pattern"].match(data__ref):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".$ref must be uri-reference")
        if "$comment" in data_keys:
            data_keys.remove("$comment")
            data__comment = data["$comment"]
            if not isinstance(data__comment, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".$comment must be string")
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string")
        if "default" in data_keys:
            data_keys.remove("default")
            data__default = data["default"]
            pass
        if "readOnly" in data_keys:
            data_keys.remove("readOnly")
            data__readOnly = data["readOnly"]
            if not isinstance(data__readOnly, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".readOnly must be boolean")
        if "examples" in data_keys:
            data_keys.remove("examples")
            data__examples = data["examples"]
            if not isinstance(data__examples, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".examples must be array")
        if "multipleOf" in data_keys:
            data_keys.remove("multipleOf")
            data__multipleOf = data["multipleOf"]
            if not isinstance(data__multipleOf, (int, float, Decimal)) or isinstance(data__multipleOf, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".multipleOf must be number")
            if isinstance(data__multipleOf, (int, float, Decimal)) and not isinstance(data__multipleOf, bool):
                if data__multipleOf <= 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".multipleOf must be bigger than 0")
        if "maximum" in data_keys:
            data_keys.remove("maximum")
            data__maximum = data["maximum"]
            if not isinstance(data__maximum, (int, float, Decimal)) or isinstance(data__maximum, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".maximum must be number")
        if "exclusiveMaximum" in data_keys:
            data_keys.remove("exclusiveMaximum")
            data__exclusiveMaximum = data["exclusiveMaximum"]
            if not isinstance(data__exclusiveMaximum, (int, float, Decimal)) or isinstance(data__exclusiveMaximum, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclusiveMaximum must be number")
        if "minimum" in data_keys:
            data_keys.remove("minimum")
            data__minimum = data["minimum"]
            if not isinstance(data__minimum, (int, float, Decimal)) or isinstance(data__minimum, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".minimum must be number")
        if "exclusiveMinimum" in data_keys:
            data_keys.remove("exclusiveMinimum")
            data__exclusiveMinimum = data["exclusiveMinimum"]
            if not isinstance(data__exclusiveMinimum, (int, float, Decimal)) or isinstance(data__exclusiveMinimum, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclusiveMinimum must be number")
        if "maxLength" in data_keys:
            data_keys.remove("maxLength")
            data__maxLength = data["maxLength"]
            validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeinteger(data__maxLength, custom_formats, (name_prefix or "data") + ".maxLength")
        if "minLength" in data_keys:
            data_keys.remove("minLength")
            data__minLength = data["minLength"]
            validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeintegerdefault0(data__minLength, custom_formats, (name_prefix or "data") + ".minLength")
        if "pattern" in data_keys:
            data_keys.remove("pattern")
            data__pattern = data["pattern"]
            if not isinstance(data__pattern, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pattern must be string")
            if isinstance(data__pattern, str):
                try:
                    re.compile(data__pattern)
                except Exception:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pattern must be a valid regex")
        if "additionalItems" in data_keys:
            data_keys.remove("additionalItems")
            data__additionalItems = data["additionalItems"]
            validate_http___json_schema_org_draft_07_schema(data__additionalItems, custom_formats, (name_prefix or "data") + ".additionalItems")
        if "items" in data_keys:
            data_keys.remove("items")
            data__items = data["items"]
            data__items_any_of_count1 = 0
            if not data__items_any_of_count1:
                try:
                    validate_http___json_schema_org_draft_07_schema(data__items, custom_formats, (name_prefix or "data") + ".items")
                    data__items_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__items_any_of_count1:
                try:
                    validate_http___json_schema_org_draft_07_schema__definitions_schemaarray(data__items, custom_formats, (name_prefix or "data") + ".items")
                    data__items_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__items_any_of_count1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items cannot be validated by any definition")
        if "maxItems" in data_keys:
            data_keys.remove("maxItems")
            data__maxItems = data["maxItems"]
            validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeinteger(data__maxItems, custom_formats, (name_prefix or "data") + ".maxItems")
        if "minItems" in data_keys:
            data_keys.remove("minItems")
            data__minItems = data["minItems"]
            validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeintegerdefault0(data__minItems, custom_formats, (name_prefix or "data") + ".minItems")
        if "uniqueItems" in data_keys:
            data_keys.remove("uniqueItems")
            data__uniqueItems = data["uniqueItems"]
            if not isinstance(data__uniqueItems, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".uniqueItems must be boolean")
        if "contains" in data_keys:
            data_keys.remove("contains")
            data__contains = data["contains"]
            validate_http___json_schema_org_draft_07_schema(data__contains, custom_formats, (name_prefix or "data") + ".contains")
        if "maxProperties" in data_keys:
            data_keys.remove("maxProperties")
            data__maxProperties = data["maxProperties"]
            validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeinteger(data__maxProperties, custom_formats, (name_prefix or "data") + ".maxProperties")
        if "minProperties" in data_keys:
            data_keys.remove("minProperties")
            data__minProperties = data["minProperties"]
            validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeintegerdefault0(data__minProperties, custom_formats, (name_prefix or "data") + ".minProperties")
        if "required" in data_keys:
            data_keys.remove("required")
            data__required = data["required"]
            validate_http___json_schema_org_draft_07_schema__definitions_stringarray(data__required, custom_formats, (name_prefix or "data") + ".required")
        if "additionalProperties" in data_keys:
            data_keys.remove("additionalProperties")
            data__additionalProperties = data["additionalProperties"]
            validate_http___json_schema_org_draft_07_schema(data__additionalProperties, custom_formats, (name_prefix or "data") + ".additionalProperties")
        if "definitions" in data_keys:
            data_keys.remove("definitions")
            data__definitions = data["definitions"]
            if not isinstance(data__definitions, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".definitions must be object")
            data__definitions_is_dict = isinstance(data__definitions, dict)
            if data__definitions_is_dict:
                data__definitions_keys = set(data__definitions.keys())
                for data__definitions_key in data__definitions_keys:
                    if data__definitions_key not in []:
                        data__definitions_value = data__definitions.get(data__definitions_key)
                        validate_http___json_schema_org_draft_07_schema(data__definitions_value, custom_formats, (name_prefix or "data") + ".definitions.{data__definitions_key}".format(**locals()))
        if "properties" in data_keys:
            data_keys.remove("properties")
            data__properties = data["properties"]
            if not isinstance(data__properties, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".properties must be object")
            data__properties_is_dict = isinstance(data__properties, dict)
            if data__properties_is_dict:
                data__properties_keys = set(data__properties.keys())
                for data__properties_key in data__properties_keys:
                    if data__properties_key not in []:
                        data__properties_value = data__properties.get(data__properties_key)
                        validate_http___json_schema_org_draft_07_schema(data__properties_value, custom_formats, (name_prefix or "data") + ".properties.{data__properties_key}".format(**locals()))
        if "patternProperties" in data_keys:
            data_keys.remove("patternProperties")
            data__patternProperties = data["patternProperties"]
            if not isinstance(data__patternProperties, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".patternProperties must be object")
            data__patternProperties_is_dict = isinstance(data__patternProperties, dict)
            if data__patternProperties_is_dict:
                data__patternProperties_keys = set(data__patternProperties.keys())
                for data__patternProperties_key in data__patternProperties_keys:
                    if data__patternProperties_key not in []:
                        data__patternProperties_value = data__patternProperties.get(data__patternProperties_key)
                        validate_http___json_schema_org_draft_07_schema(data__patternProperties_value, custom_formats, (name_prefix or "data") + ".patternProperties.{data__patternProperties_key}".format(**locals()))
                data__patternProperties_len = len(data__patternProperties)
                if data__patternProperties_len != 0:
                    data__patternProperties_property_names = True
                    for data__patternProperties_key in data__patternProperties:
                        try:
                            if isinstance(data__patternProperties_key, str):
                                try:
                                    re.compile(data__patternProperties_key)
                                except Exception:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".patternProperties must be a valid regex")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__patternProperties_property_names = False
                    if not data__patternProperties_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".patternProperties must be named by propertyName definition")
        if "dependencies" in data_keys:
            data_keys.remove("dependencies")
            data__dependencies = data["dependencies"]
            if not isinstance(data__dependencies, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dependencies must be object")
            data__dependencies_is_dict = isinstance(data__dependencies, dict)
            if data__dependencies_is_dict:
                data__dependencies_keys = set(data__dependencies.keys())
                for data__dependencies_key in data__dependencies_keys:
                    if data__dependencies_key not in []:
                        data__dependencies_value = data__dependencies.get(data__dependencies_key)
                        data__dependencies_value_any_of_count2 = 0
                        if not data__dependencies_value_any_of_count2:
                            try:
                                validate_http___json_schema_org_draft_07_schema(data__dependencies_value, custom_formats, (name_prefix or "data") + ".dependencies.{data__dependencies_key}".format(**locals()))
                                data__dependencies_value_any_of_count2 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data__dependencies_value_any_of_count2:
                            try:
                                validate_http___json_schema_org_draft_07_schema__definitions_stringarray(data__dependencies_value, custom_formats, (name_prefix or "data") + ".dependencies.{data__dependencies_key}".format(**locals()))
                                data__dependencies_value_any_of_count2 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data__dependencies_value_any_of_count2:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".dependencies.{data__dependencies_key}".format(**locals()) + " cannot be validated by any definition")
        if "propertyNames" in data_keys:
            data_keys.remove("propertyNames")
            data__propertyNames = data["propertyNames"]
            validate_http___json_schema_org_draft_07_schema(data__propertyNames, custom_formats, (name_prefix or "data") + ".propertyNames")
        if "const" in data_keys:
            data_keys.remove("const")
            data__const = data["const"]
            pass
        if "enum" in data_keys:
            data_keys.remove("enum")
            data__enum = data["enum"]
            if not isinstance(data__enum, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".enum must be array")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            data__type_any_of_count3 = 0
            if not data__type_any_of_count3:
                try:
                    validate_http___json_schema_org_draft_07_schema__definitions_simpletypes(data__type, custom_formats, (name_prefix or "data") + ".type")
                    data__type_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__type_any_of_count3:
                try:
                    if not isinstance(data__type, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be array")
                    data__type_is_list = isinstance(data__type, (list, tuple))
                    if data__type_is_list:
                        data__type_len = len(data__type)
                        if data__type_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must contain at least 1 items")
                        def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                        if data__type_len > len(set(fn(data__type_x) for data__type_x in data__type)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must contain unique items")
                        for data__type_x, data__type_item in enumerate(data__type):
                            validate_http___json_schema_org_draft_07_schema__definitions_simpletypes(data__type_item, custom_formats, (name_prefix or "data") + ".type[{data__type_x}]".format(**locals()))
                    data__type_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__type_any_of_count3:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type cannot be validated by any definition")
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not isinstance(data__format, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be string")
        if "contentMediaType" in data_keys:
            data_keys.remove("contentMediaType")
            data__contentMediaType = data["contentMediaType"]
            if not isinstance(data__contentMediaType, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".contentMediaType must be string")
        if "contentEncoding" in data_keys:
            data_keys.remove("contentEncoding")
            data__contentEncoding = data["contentEncoding"]
            if not isinstance(data__contentEncoding, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".contentEncoding must be string")
        if "if" in data_keys:
            data_keys.remove("if")
            data__if = data["if"]
            validate_http___json_schema_org_draft_07_schema(data__if, custom_formats, (name_prefix or "data") + ".if")
        if "then" in data_keys:
            data_keys.remove("then")
            data__then = data["then"]
            validate_http___json_schema_org_draft_07_schema(data__then, custom_formats, (name_prefix or "data") + ".then")
        if "else" in data_keys:
            data_keys.remove("else")
            data__else = data["else"]
            validate_http___json_schema_org_draft_07_schema(data__else, custom_formats, (name_prefix or "data") + ".else")
        if "allOf" in data_keys:
            data_keys.remove("allOf")
            data__allOf = data["allOf"]
            validate_http___json_schema_org_draft_07_schema__definitions_schemaarray(data__allOf, custom_formats, (name_prefix or "data") + ".allOf")
        if "anyOf" in data_keys:
            data_keys.remove("anyOf")
            data__anyOf = data["anyOf"]
            validate_http___json_schema_org_draft_07_schema__definitions_schemaarray(data__anyOf, custom_formats, (name_prefix or "data") + ".anyOf")
        if "oneOf" in data_keys:
            data_keys.remove("oneOf")
            data__oneOf = data["oneOf"]
            validate_http___json_schema_org_draft_07_schema__definitions_schemaarray(data__oneOf, custom_formats, (name_prefix or "data") + ".oneOf")
        if "not" in data_keys:
            data_keys.remove("not")
            data__not = data["not"]
            validate_http___json_schema_org_draft_07_schema(data__not, custom_formats, (name_prefix or "data") + ".not")
    return data

def validate_http___json_schema_org_draft_07_schema__definitions_simpletypes(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'array' or isinstance(data, str) and data == 'boolean' or isinstance(data, str) and data == 'integer' or isinstance(data, str) and data == 'null' or isinstance(data, str) and data == 'number' or isinstance(data, str) and data == 'object' or isinstance(data, str) and data == 'string'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']")
    return data

def validate_http___json_schema_org_draft_07_schema__definitions_stringarray(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
        data_len = len(data)
        if data_len > len(set(fn(data_x) for data_x in data)):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain unique items")
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
    return data

def validate_http___json_schema_org_draft_07_schema__definitions_schemaarray(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items")
        for data_x, data_item in enumerate(data):
            validate_http___json_schema_org_draft_07_schema(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeintegerdefault0(data, custom_formats={}, name_prefix=None):
    validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeinteger(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate_http___json_schema_org_draft_07_schema__definitions_nonnegativeinteger(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int)) and not (isinstance(data, float) and data.is_integer()) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < 0:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to 0")
    return data