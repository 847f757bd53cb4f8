# Generated: see __init__.py.
# ruff: noqa
# mypy: ignore-errors
from decimal import Decimal
VERSION = "2.22.3"
from decimal import Decimal
import re
from . import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-zA-Z_][a-zA-Z0-9_.-]*$': re.compile('^[a-zA-Z_][a-zA-Z0-9_.-]*$'),
    '^/errors/[a-z][a-zA-Z0-9_]*$': re.compile('^/errors/[a-z][a-zA-Z0-9_]*\\Z'),
    '^/errors/[a-z][a-zA-Z0-9_]*#/[A-Z][A-Za-z0-9]*$': re.compile('^/errors/[a-z][a-zA-Z0-9_]*#/[A-Z][A-Za-z0-9]*\\Z'),
    '^(?!null).*$': re.compile('^(?!null).*\\Z')
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
        if "cmds" in data_keys:
            data_keys.remove("cmds")
            data__cmds = data["cmds"]
            if not isinstance(data__cmds, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cmds must be object")
            data__cmds_is_dict = isinstance(data__cmds, dict)
            if data__cmds_is_dict:
                data__cmds_keys = set(data__cmds.keys())
                for data__cmds_key, data__cmds_val in data__cmds.items():
                    if REGEX_PATTERNS['^[a-zA-Z_][a-zA-Z0-9_.-]*$'].search(data__cmds_key):
                        if data__cmds_key in data__cmds_keys:
                            data__cmds_keys.remove(data__cmds_key)
                        if not isinstance(data__cmds_val, (dict)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".cmds.{data__cmds_key}".format(**locals()) + " must be object")
                        data__cmds_val_is_dict = isinstance(data__cmds_val, dict)
                        if data__cmds_val_is_dict:
                            data__cmds_val__missing_keys = set(['description']) - data__cmds_val.keys()
                            if data__cmds_val__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cmds.{data__cmds_key}".format(**locals()) + " must contain ")
                            data__cmds_val_keys = set(data__cmds_val.keys())
                            if "description" in data__cmds_val_keys:
                                data__cmds_val_keys.remove("description")
                                data__cmds_val__description = data__cmds_val["description"]
                                if not isinstance(data__cmds_val__description, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cmds.{data__cmds_key}.description".format(**locals()) + " must be string")
                                if isinstance(data__cmds_val__description, str):
                                    data__cmds_val__description_len = len(data__cmds_val__description)
                                    if data__cmds_val__description_len < 2:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".cmds.{data__cmds_key}.description".format(**locals()) + " must be longer than or equal to 2 characters")
                            if "arguments" in data__cmds_val_keys:
                                data__cmds_val_keys.remove("arguments")
                                data__cmds_val__arguments = data__cmds_val["arguments"]
                                validate____defs_cmd_arguments_subschema(data__cmds_val__arguments, custom_formats, (name_prefix or "data") + ".cmds.{data__cmds_key}.arguments".format(**locals()))
                            if "result" in data__cmds_val_keys:
                                data__cmds_val_keys.remove("result")
                                data__cmds_val__result = data__cmds_val["result"]
                                validate____defs_cmd_result_subschema(data__cmds_val__result, custom_formats, (name_prefix or "data") + ".cmds.{data__cmds_key}.result".format(**locals()))
                            if data__cmds_val_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cmds.{data__cmds_key}".format(**locals()) + " must not contain "+str(data__cmds_val_keys)+" properties")
                if data__cmds_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".cmds must not contain "+str(data__cmds_keys)+" properties")
        if "vars" in data_keys:
            data_keys.remove("vars")
            data__vars = data["vars"]
            if not isinstance(data__vars, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vars must be object")
            data__vars_is_dict = isinstance(data__vars, dict)
            if data__vars_is_dict:
                data__vars_keys = set(data__vars.keys())
                for data__vars_key, data__vars_val in data__vars.items():
                    if REGEX_PATTERNS['^[a-zA-Z_][a-zA-Z0-9_.-]*$'].search(data__vars_key):
                        if data__vars_key in data__vars_keys:
                            data__vars_keys.remove(data__vars_key)
                        validate____defs_var_subschema(data__vars_val, custom_formats, (name_prefix or "data") + ".vars.{data__vars_key}".format(**locals()))
                if data__vars_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".vars must not contain "+str(data__vars_keys)+" properties")
        if "errors" in data_keys:
            data_keys.remove("errors")
            data__errors = data["errors"]
            if not isinstance(data__errors, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors must be array")
            data__errors_is_list = isinstance(data__errors, (list, tuple))
            if data__errors_is_list:
                data__errors_len = len(data__errors)
                for data__errors_x, data__errors_item in enumerate(data__errors):
                    if not isinstance(data__errors_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors[{data__errors_x}]".format(**locals()) + " must be object")
                    data__errors_item_is_dict = isinstance(data__errors_item, dict)
                    if data__errors_item_is_dict:
                        data__errors_item__missing_keys = set(['reference']) - data__errors_item.keys()
                        if data__errors_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors[{data__errors_x}]".format(**locals()) + " must contain ")
                        data__errors_item_keys = set(data__errors_item.keys())
                        if "reference" in data__errors_item_keys:
                            data__errors_item_keys.remove("reference")
                            data__errors_item__reference = data__errors_item["reference"]
                            data__errors_item__reference_any_of_count1 = 0
                            if not data__errors_item__reference_any_of_count1:
                                try:
                                    if not isinstance(data__errors_item__reference, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors[{data__errors_x}].reference".format(**locals()) + " must be string")
                                    if isinstance(data__errors_item__reference, str):
                                        if not REGEX_PATTERNS['^/errors/[a-z][a-zA-Z0-9_]*$'].search(data__errors_item__reference):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors[{data__errors_x}].reference".format(**locals()) + " must match pattern ^/errors/[a-z][a-zA-Z0-9_]*$")
                                    data__errors_item__reference_any_of_count1 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__errors_item__reference_any_of_count1:
                                try:
                                    if not isinstance(data__errors_item__reference, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors[{data__errors_x}].reference".format(**locals()) + " must be string")
                                    if isinstance(data__errors_item__reference, str):
                                        if not REGEX_PATTERNS['^/errors/[a-z][a-zA-Z0-9_]*#/[A-Z][A-Za-z0-9]*$'].search(data__errors_item__reference):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors[{data__errors_x}].reference".format(**locals()) + " must match pattern ^/errors/[a-z][a-zA-Z0-9_]*#/[A-Z][A-Za-z0-9]*$")
                                    data__errors_item__reference_any_of_count1 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__errors_item__reference_any_of_count1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors[{data__errors_x}].reference".format(**locals()) + " cannot be validated by any definition")
                        if data__errors_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".errors[{data__errors_x}]".format(**locals()) + " must not contain "+str(data__errors_item_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_var_subschema(data, custom_formats={}, name_prefix=None):
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
            if not isinstance(data__type, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string or array")
            data__type_is_list = isinstance(data__type, (list, tuple))
            if data__type_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__type_len = len(data__type)
                if data__type_len > len(set(fn(data__type_x) for data__type_x in data__type)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must contain unique items")
                for data__type_x, data__type_item in enumerate(data__type):
                    if not isinstance(data__type_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".type[{data__type_x}]".format(**locals()) + " must be string")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string")
            if isinstance(data__description, str):
                data__description_len = len(data__description)
                if data__description_len < 2:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be longer than or equal to 2 characters")
        if "qos" in data_keys:
            data_keys.remove("qos")
            data__qos = data["qos"]
            if not isinstance(data__qos, (int)) and not (isinstance(data__qos, float) and data__qos.is_integer()) or isinstance(data__qos, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".qos must be integer")
            if isinstance(data__qos, (int, float, Decimal)) and not isinstance(data__qos, bool):
                if data__qos < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".qos must be bigger than or equal to 0")
                if data__qos > 2:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".qos must be smaller than or equal to 2")
        if "default" in data_keys:
            data_keys.remove("default")
            data__default = data["default"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".default must not be there")
    return data

def validate____defs_cmd_result_subschema(data, custom_formats={}, name_prefix=None):
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
            if isinstance(data__type, str):
                if not REGEX_PATTERNS['^(?!null).*$'].search(data__type):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must match pattern ^(?!null).*$")
            data__type_is_list = isinstance(data__type, (list, tuple))
            if data__type_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__type_len = len(data__type)
                if data__type_len > len(set(fn(data__type_x) for data__type_x in data__type)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must contain unique items")
                for data__type_x, data__type_item in enumerate(data__type):
                    if not isinstance(data__type_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".type[{data__type_x}]".format(**locals()) + " must be string")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string")
            if isinstance(data__description, str):
                data__description_len = len(data__description)
                if data__description_len < 2:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be longer than or equal to 2 characters")
        if "default" in data_keys:
            data_keys.remove("default")
            data__default = data["default"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".default must not be there")
    return data

def validate____defs_cmd_arguments_subschema(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        for data_key, data_val in data.items():
            if REGEX_PATTERNS['^[a-zA-Z_][a-zA-Z0-9_.-]*$'].search(data_key):
                if data_key in data_keys:
                    data_keys.remove(data_key)
                if not isinstance(data_val, (dict)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be object")
                data_val_is_dict = isinstance(data_val, dict)
                if data_val_is_dict:
                    data_val__missing_keys = set(['type', 'description']) - data_val.keys()
                    if data_val__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must contain ")
                    data_val_keys = set(data_val.keys())
                    if "type" in data_val_keys:
                        data_val_keys.remove("type")
                        data_val__type = data_val["type"]
                        if not isinstance(data_val__type, (list, tuple, str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.type".format(**locals()) + " must be array or string")
                        if isinstance(data_val__type, str):
                            if not REGEX_PATTERNS['^(?!null).*$'].search(data_val__type):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.type".format(**locals()) + " must match pattern ^(?!null).*$")
                        data_val__type_is_list = isinstance(data_val__type, (list, tuple))
                        if data_val__type_is_list:
                            def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                            data_val__type_len = len(data_val__type)
                            if data_val__type_len > len(set(fn(data_val__type_x) for data_val__type_x in data_val__type)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.type".format(**locals()) + " must contain unique items")
                            for data_val__type_x, data_val__type_item in enumerate(data_val__type):
                                if not isinstance(data_val__type_item, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.type[{data_val__type_x}]".format(**locals()) + " must be string")
                    if "description" in data_val_keys:
                        data_val_keys.remove("description")
                        data_val__description = data_val["description"]
                        if not isinstance(data_val__description, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.description".format(**locals()) + " must be string")
                        if isinstance(data_val__description, str):
                            data_val__description_len = len(data_val__description)
                            if data_val__description_len < 2:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.description".format(**locals()) + " must be longer than or equal to 2 characters")
                    if "default" in data_val_keys:
                        data_val_keys.remove("default")
                        data_val__default = data_val["default"]
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.default".format(**locals()) + " must not be there")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data