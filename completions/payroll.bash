# Bash completion for the payroll tools: hr-import, hr-validate,
# payroll-calc, payroll-export, authority-report.  Installed by make install
# under share/bash-completion/completions/ (one link per tool).  Options
# come from each tool's --help; forms from the layouts installed beside
# the tool; each option's argument completes with what belongs there.

# The folder of layouts beside the tool (installed or source tree).
_payroll_formats_dir()
{
	local bin
	bin=$(command -v "$1" 2>/dev/null) || return
	bin=$(readlink -f "$bin")
	bin=${bin%/*}
	if [ -d "$bin/../share/payroll/rules/formats" ]; then
		echo "$bin/../share/payroll/rules/formats"
	elif [ -d "$bin/../rules/formats" ]; then
		echo "$bin/../rules/formats"
	fi
}

_payroll_tools()
{
	local cur prev opts dir
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-r|--rules)
		COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur"))
		return ;;
	-f|--frequency)
		COMPREPLY=($(compgen -W "weekly biweekly fourweekly semimonthly monthly quarterly semiannual annual daily" -- "$cur"))
		return ;;
	-e|--encoding)
		COMPREPLY=($(compgen -W "utf-8 utf-16 windows-1252 iso-8859-1 iso-8859-15 auto" -- "$cur"))
		return ;;
	-j|--state)
		COMPREPLY=($(compgen -W "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY" -- "$cur"))
		return ;;
	-F|--format|--form)
		case $1 in
		payroll-calc)
			COMPREPLY=($(compgen -W "csv tsv json" -- "$cur")) ;;
		payroll-export)
			COMPREPLY=($(compgen -W "register nacha nacha-reversal sepa cpa005 journal payslip payslip-html payslip-pdf hr-report hr-report-html" -- "$cur")) ;;
		authority-report)
			dir=$(_payroll_formats_dir "$1")
			[ -n "$dir" ] && COMPREPLY=($(compgen -W "$(cd "$dir" && ls -d */ 2>/dev/null | tr -d /)" -- "$cur")) ;;
		esac
		return ;;
	-p|--period|-d|--pay-date|-x|--explain|--quarter|--year|-N|--expect-count|-T|--expect-total|-v|--value|-P|--pain-version)
		return ;;
	-L|--layout|--formats|-o|--output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		opts=$("$1" --help 2>/dev/null | grep -oE -- '(^|[ ,[])--?[a-zA-Z][a-z-]*' | sed 's/^[ ,[]//' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _payroll_tools -o filenames hr-import hr-validate payroll-calc payroll-export authority-report
